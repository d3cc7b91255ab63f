import path from 'node:path';
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const UM_ROOT = path.resolve(import.meta.dirname, 'lib/um');

/**
 * lib/um is a library in its own right (usable from the CLI, without Next or a database), so
 * it may import npm packages and Node built-ins, but no project file outside lib/um.
 */
const umStaysInside = {
  meta: {
    type: 'problem',
    docs: { description: 'lib/um imports nothing from the project outside lib/um' },
    schema: [],
    messages: {
      alias: 'lib/um imports nothing outside lib/um: "{{source}}" uses the @/ alias into the rest of the project.',
      leaves: 'lib/um imports nothing outside lib/um: "{{source}}" resolves to {{resolved}}.',
    },
  },
  create(context) {
    const filename = context.filename;
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const source = node.value;
      if (source.startsWith('@/')) {
        context.report({ node, messageId: 'alias', data: { source } });
        return;
      }
      if (!source.startsWith('.') && !path.isAbsolute(source)) return;
      const resolved = path.resolve(path.dirname(filename), source);
      if (resolved !== UM_ROOT && !resolved.startsWith(UM_ROOT + path.sep)) {
        context.report({ node, messageId: 'leaves', data: { source, resolved: path.relative(import.meta.dirname, resolved) } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

const ENV_MESSAGE = 'Only lib/config.ts reads the environment: add the setting there and use getConfig().';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The useful part of eslint:recommended (@eslint/js is not a direct dependency).
    rules: {
      'no-async-promise-executor': 'error',
      'no-case-declarations': 'error',
      'no-cond-assign': 'error',
      'no-control-regex': 'error',
      'no-debugger': 'error',
      'no-dupe-else-if': 'error',
      'no-duplicate-case': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      'no-empty-pattern': 'error',
      'no-fallthrough': 'error',
      'no-irregular-whitespace': 'error',
      'no-misleading-character-class': 'error',
      'no-self-assign': 'error',
      'no-self-compare': 'error',
      'no-sparse-arrays': 'error',
      'no-unreachable': 'error',
      'no-unsafe-finally': 'error',
      'no-unsafe-optional-chaining': 'error',
      'no-useless-catch': 'error',
      'no-useless-escape': 'error',
      eqeqeq: ['error', 'smart'],
      // App Router only: there is no pages/ directory for this rule to look at.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-unused-expressions': 'error',
    },
  },
  {
    files: ['app/**', 'components/**', 'lib/**', 'proxy.ts', 'instrumentation.ts'],
    ignores: ['lib/config.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: ENV_MESSAGE }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'process', importNames: ['env'], message: ENV_MESSAGE },
            { name: 'node:process', importNames: ['env'], message: ENV_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/um/**'],
    plugins: { local: { rules: { 'um-stays-inside': umStaysInside } } },
    rules: { 'local/um-stays-inside': 'error' },
  },
  globalIgnores([
    '.next/**',
    'out/**',
    'build/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'blob-report/**',
    'next-env.d.ts',
  ]),
]);
