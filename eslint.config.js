// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** Layers, lowest first: each may import only from the layers listed after it. */
const layerRule = (forbidden) => ({
  'no-restricted-imports': [
    'error',
    { patterns: forbidden.map((layer) => ({ group: [`**/${layer}/**`, `../${layer}/*`, `../../${layer}/*`], message: `this layer must not import from ${layer}/ (see docs/architecture.md)` })) },
  ],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
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
  { files: ['src/domain/**'], rules: layerRule(['load', 'viewmodel', 'ui', 'cli']) },
  { files: ['src/load/**'], rules: layerRule(['viewmodel', 'ui', 'cli']) },
  { files: ['src/viewmodel/**'], rules: layerRule(['load', 'ui', 'cli']) },
  { files: ['src/ui/**'], rules: layerRule(['load', 'cli']) },
  { files: ['src/domain/**', 'src/viewmodel/**'], rules: { 'no-restricted-globals': ['error', 'process'] } },
);
