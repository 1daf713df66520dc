// The entries of a data directory are other people's: a symlink may point at a secret, a FIFO
// would block a read, a broken link must not hide every other period. Each such entry is its own
// READ_ERROR naming it; the paths the user names (catalogue, --data, --agenda, `data:`) may be
// anywhere.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/load/load.js';
import { catalogue, writeTree } from '../helpers.js';

const CAT = catalogue('      - { id: k, title: K, unit: percent, good: high, target: 90 }\n').replace('data: .', 'data: data');
const Q1 = 'period: 2019/20 Q1\nobservations:\n  k: { value: 91 }\n';
const Q2 = 'period: 2019/20 Q2\nobservations:\n  k: { value: 95 }\n';
const SECRET = 'password: hunter2-the-secret\napi_key: sk-0123456789\n';

function tree(): string {
  return writeTree({ 'catalogue.yaml': CAT, 'data/2019-20-Q1.yaml': Q1, 'outside/secret.txt': SECRET, 'outside/2019-20-Q2.yaml': Q2 });
}

const load = (dir: string, opts: { dataDir?: string; agendaFiles?: string[] } = {}) => loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, ...opts });
const lines = (r: ReturnType<typeof load>) => r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}: ${f.message}`);

const servers: net.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

describe('entries of the data directory', () => {
  it('a symlink that resolves outside the data directory is refused, not read', () => {
    const dir = tree();
    symlinkSync(path.join(dir, 'outside', 'secret.txt'), path.join(dir, 'data', '2019-20-Q3.yaml'));
    symlinkSync('../outside/2019-20-Q2.yaml', path.join(dir, 'data', '2019-20-Q2.yaml'));
    symlinkSync(path.join(dir, 'outside', 'secret.txt'), path.join(dir, 'data', 'agenda-q3.yaml'));
    const r = load(dir);
    expect(lines(r)).toEqual([
      'data/2019-20-Q2.yaml:0:0 error READ_ERROR: a symbolic link to a file outside the data directory: not read',
      'data/2019-20-Q3.yaml:0:0 error READ_ERROR: a symbolic link to a file outside the data directory: not read',
      'data/agenda-q3.yaml:0:0 error READ_ERROR: a symbolic link to a file outside the data directory: not read',
    ]);
    expect(JSON.stringify(r.findings)).not.toMatch(/hunter2|password|api_key|sk-0/);
    // The other period was still read.
    expect(r.files).toContain('data/2019-20-Q1.yaml');
  });

  it('a symlink within the data directory, and a data directory that is itself a symlink, are followed', () => {
    const dir = tree();
    mkdirSync(path.join(dir, 'data', 'archive'));
    writeFileSync(path.join(dir, 'data', 'archive', 'q2.txt'), Q2);
    symlinkSync('archive/q2.txt', path.join(dir, 'data', '2019-20-Q2.yaml'));
    const r = load(dir);
    expect(lines(r)).toEqual([]);
    expect(r.dataset?.periods.length).toBe(2);
    // --data names a symlink to a directory elsewhere: the user's own path may be anywhere.
    const other = writeTree({ 'real/2019-20-Q1.yaml': Q1 });
    symlinkSync(path.join(other, 'real'), path.join(dir, 'linked'));
    symlinkSync('2019-20-Q1.yaml', path.join(other, 'real', '2019-20-Q2.yaml'));
    const viaLink = load(dir, { dataDir: 'linked' });
    expect(lines(viaLink)).toEqual([expect.stringMatching(/^linked\/2019-20-Q2\.yaml:1:\d+ error DUPLICATE_ID: period 2019\/20 Q1 is already given by linked\/2019-20-Q1\.yaml$/)]);
  });

  it('an --agenda file and the catalogue may be symlinks to anywhere', () => {
    const dir = tree();
    const elsewhere = writeTree({ 'agenda.yaml': 'meeting: Committee\nitems:\n  - { title: K, show: "kpi: k" }\n', 'cat.yaml': CAT.replace('data: data', `data: ${path.join(dir, 'data')}`) });
    symlinkSync(path.join(elsewhere, 'agenda.yaml'), path.join(dir, 'my-agenda.yaml'));
    symlinkSync(path.join(elsewhere, 'cat.yaml'), path.join(dir, 'linked-catalogue.yaml'));
    const r = loadDataset(path.join(dir, 'linked-catalogue.yaml'), { cwd: dir, agendaFiles: ['my-agenda.yaml'] });
    expect(lines(r)).toEqual([]);
    expect(r.dataset?.agendas.length).toBe(1);
  });

  it('an entry the user names with --agenda may be a symlink to anywhere', () => {
    const dir = tree();
    const elsewhere = writeTree({ 'agenda.yaml': 'meeting: Committee\nitems:\n  - { title: K, show: "kpi: k" }\n' });
    symlinkSync(path.join(elsewhere, 'agenda.yaml'), path.join(dir, 'data', 'agenda-q1.yaml'));
    expect(lines(load(dir))).toEqual(['data/agenda-q1.yaml:0:0 error READ_ERROR: a symbolic link to a file outside the data directory: not read']);
    const named = load(dir, { agendaFiles: ['data/agenda-q1.yaml'] });
    expect(lines(named)).toEqual([]);
    expect(named.dataset?.agendas.map((a) => a.file)).toEqual(['data/agenda-q1.yaml']);
  });

  it('a symlink to the data directory itself is named as such, and not read', () => {
    const dir = tree();
    symlinkSync('.', path.join(dir, 'data', '2019-20-Q3.yaml'));
    symlinkSync(path.join(dir, 'data'), path.join(dir, 'data', 'agenda-q3.yaml'));
    expect(lines(load(dir))).toEqual([
      'data/2019-20-Q3.yaml:0:0 error READ_ERROR: a symbolic link to the data directory itself: not read',
      'data/agenda-q3.yaml:0:0 error READ_ERROR: a symbolic link to the data directory itself: not read',
    ]);
  });

  it('a dangling or looping symlink is its own READ_ERROR; the other periods are still read', () => {
    const dir = tree();
    symlinkSync(path.join(dir, 'data', 'gone.txt'), path.join(dir, 'data', '2019-20-Q3.yaml'));
    symlinkSync('2019-20-Q4.yaml', path.join(dir, 'data', '2019-20-Q4.yaml'));
    writeFileSync(path.join(dir, 'data', '2019-20-Q2.yaml'), 'period: 2019/20 Q2\nobservations:\n  k: { value: high }\n');
    const r = load(dir);
    expect(lines(r)).toEqual([
      'data/2019-20-Q2.yaml:3:15 error SCHEMA: observations.k.value must be a finite number, not the text "high"',
      'data/2019-20-Q3.yaml:0:0 error READ_ERROR: a broken symbolic link (what it points to does not exist): not read',
      'data/2019-20-Q4.yaml:0:0 error READ_ERROR: a symbolic link that loops: not read',
    ]);
    expect(r.files).toEqual(['catalogue.yaml', 'data/2019-20-Q1.yaml', 'data/2019-20-Q2.yaml', 'data/2019-20-Q3.yaml', 'data/2019-20-Q4.yaml']);
  });

  it('a FIFO, a socket, a device and a directory named like a period file are each a READ_ERROR', async () => {
    const dir = tree();
    const data = path.join(dir, 'data');
    expect(spawnSync('mkfifo', [path.join(data, '2019-20-Q2.yaml')]).status).toBe(0);
    mkdirSync(path.join(data, '2019-20-Q3.yaml'));
    const sock = path.join(data, '2019-20-Q4.yaml');
    const server = net.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(sock, resolve));
    // /dev/zero through a symlink: outside the data directory, and not a regular file either.
    symlinkSync('/dev/zero', path.join(data, '2020-21-Q1.yaml'));
    // Not YAML-named: not a period file, so not reported.
    expect(spawnSync('mkfifo', [path.join(data, 'pipe')]).status).toBe(0);
    const r = load(dir);
    expect(lines(r)).toEqual([
      'data/2019-20-Q2.yaml:0:0 error READ_ERROR: a named pipe (FIFO), not a regular file: not read',
      'data/2019-20-Q3.yaml:0:0 error READ_ERROR: a directory, not a regular file: not read',
      'data/2019-20-Q4.yaml:0:0 error READ_ERROR: a socket, not a regular file: not read',
      'data/2020-21-Q1.yaml:0:0 error READ_ERROR: a symbolic link to a file outside the data directory: not read',
    ]);
    expect(r.files).toContain('data/2019-20-Q1.yaml');
  });

  it('runs as the check command would on a hostile directory: exit 2, each entry named', () => {
    const dir = tree();
    symlinkSync(path.join(os.tmpdir(), 'no-such-ragtop-file'), path.join(dir, 'data', '2019-20-Q3.yaml'));
    const r = load(dir);
    expect(r.dataset).toBeUndefined();
    expect(lines(r).join('\n')).not.toMatch(/no such directory/);
  });
});
