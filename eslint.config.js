// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Modules only the pure layers (domain/, viewmodel/) must not import: a terminal, React, the machine. */
const IMPURE = ['ink', 'react', 'react/*', 'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads'];

/**
 * Layers, lowest first: each may import only from the layers listed after it. `pure` layers also
 * must not import the terminal, React or the machine; outside the viewport module (src/ui/viewport.ts)
 * nothing reads the terminal's size from Ink's `useStdout`.
 */
const layerRule = (forbidden, { pure = false, viewport = false } = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...forbidden.map((layer) => ({ group: [`**/${layer}/**`, `../${layer}/*`, `../../${layer}/*`], message: `this layer must not import from ${layer}/ (see docs/architecture.md)` })),
        ...(pure ? [{ group: IMPURE, message: 'domain/ and viewmodel/ are pure: no terminal, React, file system or process (see docs/architecture.md)' }] : []),
      ],
      paths: viewport ? [] : [{ name: 'ink', importNames: ['useStdout'], message: 'the terminal size is read in one place: src/ui/viewport.ts' }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware rules for TypeScript: unhandled promises, switches that miss a case, casts that do nothing.
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts', '**/*.tsx'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
    },
  },
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  { files: ['src/**/*.ts', 'src/**/*.tsx'], rules: { 'no-console': 'error' } },
  { files: ['src/domain/**'], rules: layerRule(['load', 'viewmodel', 'ui', 'cli'], { pure: true }) },
  { files: ['src/load/**'], rules: layerRule(['viewmodel', 'ui', 'cli']) },
  { files: ['src/viewmodel/**'], rules: layerRule(['load', 'ui', 'cli'], { pure: true }) },
  { files: ['src/ui/**'], rules: layerRule(['load', 'cli']) },
  { files: ['src/cli/**'], rules: layerRule([]) },
  { files: ['src/ui/viewport.ts'], rules: layerRule(['load', 'cli'], { viewport: true }) },
  { files: ['src/domain/**', 'src/viewmodel/**'], rules: { 'no-restricted-globals': ['error', 'process'] } },
);
