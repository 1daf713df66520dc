#!/usr/bin/env node
// The `ragtop` executable (bundled into dist/app/ragtop.js by scripts/build.mjs, with React's
// production build chosen there).
import { drawFirstScreen, thisRun } from './first-screen.js';

// A stack trace names our sources (src/…), not the bundle's minified lines.
process.setSourceMapsEnabled(true);

// In a terminal, the first screen of the last run like this one, at once, when nothing it showed
// has changed (first-screen.ts); the rest of ragtop loads behind it.
const { stdin, stdout } = process;
if (stdin.isTTY && stdout.isTTY) {
  drawFirstScreen(thisRun(process.env, process.cwd(), stdout), stdin, stdout);
}
const { main } = await import('./main.js');
main();
