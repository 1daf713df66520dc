#!/usr/bin/env node
// The `ragtop` executable.
import { main } from './main.js';

// React's production build (no development checks: about 15 % less work per keypress). Set here,
// before the app imports React on first use; a NODE_ENV the user set is kept.
process.env['NODE_ENV'] ??= 'production';

main();
