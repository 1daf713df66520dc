// Types for the benchmark's data generator (generate.mjs), for the tests that run it.

export interface Quarter {
  readonly label: string;
  readonly file: string;
  readonly year: number;
  readonly q: number;
}

export function quarters(n: number): Quarter[];

export function generate(size: string, outDir: string): { catalogue: string; dataDir: string; files: number; bytes: number };
