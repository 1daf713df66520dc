#!/usr/bin/env node
// The `ragtop` executable (bundled into dist/app/ragtop.js by scripts/build.mjs, with React's
// production build chosen there).
import { main } from './main.js';

// A stack trace names our sources (src/…), not the bundle's minified lines.
process.setSourceMapsEnabled(true);

main();
