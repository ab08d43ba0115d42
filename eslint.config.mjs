// @ts-check
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import { importBoundaries } from './ops/lint/import-boundaries.mjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      '.data/**',
      'tmp/**',
      '.angular/**',
      'admin-ui/dist/**',
      'libs/sdk/src/schema.ts',
      // Imports a client generated at test time; api/test/contract-second-generator.e2e-spec.ts compiles it
      // with `tsc --strict` against that client (lint it there: eslint --no-ignore).
      'ops/contract/second-generator/program.ts',
    ],
  },
  {
    // Type-aware rules for TypeScript only (templates have their own parser and rules).
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts', 'api/test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The admin UI: Angular's own rules for components and templates, accessibility included.
  {
    files: ['admin-ui/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'tt', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'tt', style: 'camelCase' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      // Validators.required & co. are static functions Angular calls unbound by design.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['admin-ui/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {
      '@angular-eslint/template/prefer-control-flow': 'error',
    },
  },
  // Import directions between modules (docs/architecture.md).
  ...importBoundaries,
  prettier,
);
