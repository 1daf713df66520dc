// The yaml package, loaded on first use: most files never need it (the fast path in fast.ts reads
// them), and its import is a tenth of `ragtop check`'s start-up. The production bundle ships it as
// one file beside itself (scripts/build.mjs defines the name); from the sources it is the package.

import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

declare const __RAGTOP_YAML__: string | undefined;
const YAML_MODULE = typeof __RAGTOP_YAML__ === 'string' ? __RAGTOP_YAML__ : 'yaml';
const requireHere = createRequire(import.meta.url);
let yamlModule: typeof Yaml | undefined;
// require() is typed any: the module is yaml 2, whose types the import above names.
export const yaml = (): typeof Yaml => (yamlModule ??= requireHere(YAML_MODULE) as typeof Yaml);
export const isAlias = (n: unknown) => yaml().isAlias(n);
export const isCollection = (n: unknown) => yaml().isCollection(n);
export const isMap = (n: unknown) => yaml().isMap(n);
export const isNode = (n: unknown) => yaml().isNode(n);
export const isPair = (n: unknown) => yaml().isPair(n);
export const isScalar = (n: unknown) => yaml().isScalar(n);
export const isSeq = (n: unknown) => yaml().isSeq(n);
