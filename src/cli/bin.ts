#!/usr/bin/env node
// The `ragtop` executable.
import { main } from './main.js';

main();
