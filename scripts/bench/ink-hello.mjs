// The floor for P1: a bare Ink hello-world, mounted the way ragtop mounts its app (CI=false before
// Ink is imported, Ink loaded with a dynamic import, the alternate screen, the same render options,
// useInput so stdin is read in raw mode, q to leave), and bundled the way ragtop is (the bench
// builds it with scripts/build.mjs's options: production React, the same start-up flags).
import React from 'react';

process.env['CI'] = 'false';
const { createElement } = React;
const { render, Text, useApp, useInput } = await import('ink');

function Hello() {
  const { exit } = useApp();
  useInput((input) => {
    if (input === 'q') exit();
  });
  return createElement(Text, null, 'hello');
}

process.stdout.write('\x1b[?1049h\x1b[H');
const instance = render(createElement(Hello), { stdin: process.stdin, stdout: process.stdout, exitOnCtrlC: false, patchConsole: false, incrementalRendering: false });
await instance.waitUntilExit();
process.stdout.write('\x1b[?25h\x1b[?1049l', () => process.exit(0));
