// The app draws its first frame before the checks run: a model built without them says so, and
// completing it gives exactly the model built with them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../src/load/load.js';
import { checksScreen } from '../../src/viewmodel/checks-screen.js';
import { headerLine } from '../../src/viewmodel/frame.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, withChecks } from '../../src/viewmodel/model.js';
import { plain } from '../../src/viewmodel/styled.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe.each(['catalogue/lcc-2019-20.yaml', 'catalogue/lcc-2024-25.yaml', 'tests/fixtures/codes/control-chars/catalogue.yaml'])('%s', (cat) => {
  const loaded = loadDataset(cat, { cwd: ROOT });
  const dataset = loaded.dataset!;

  it('without checks: the load warnings only, and the header and Checks screen say the checks are running', () => {
    const m = buildModel(dataset, loaded.findings, UNICODE_GLYPHS, undefined, { checks: false });
    expect(m.checking).toBe(true);
    expect(m.findings).toEqual(loaded.findings);
    expect(plain(headerLine(m, 0, 120, 'T', 'O'))).toMatch(/checking …$/);
    const view = checksScreen(m, { period: 0, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20 });
    expect(view.lines.map(plain)).toEqual(['Checking the data …']);
  });

  it('completed: the same findings, counts and header as a model built with them, on the same evaluation', () => {
    const deferred = buildModel(dataset, loaded.findings, UNICODE_GLYPHS, undefined, { checks: false });
    const done = withChecks(deferred);
    const full = buildModel(dataset, loaded.findings, UNICODE_GLYPHS);
    expect(done.checking).toBeUndefined();
    expect(done.ev).toBe(deferred.ev);
    expect(done.findings).toEqual(full.findings);
    expect(done.findingCounts).toEqual(full.findingCounts);
    expect(plain(headerLine(done, 0, 120, 'T', 'O'))).toBe(plain(headerLine(full, 0, 120, 'T', 'O')));
    expect(withChecks(done)).toBe(done);
  });
});
