// @ts-check
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier/flat';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;

/** The only files that may use the Bot Framework / Teams AI packages (besides test/ and scripts/). */
const TEAMS_PACKAGES = [
  `${ROOT}/node_modules/{botbuilder,botbuilder-*}/**`,
  `${ROOT}/node_modules/@microsoft/teams-ai/**`,
];

/**
 * A zone for import-x/no-restricted-paths where `target` may import ONLY from `allowed` (paths relative to the
 * repository root) and from npm packages: everything else in the repository is forbidden.
 */
const onlyImports = (target, allowed, message) => ({
  target,
  from: '.',
  except: ['node_modules', ...allowed],
  message,
});

/**
 * Import boundaries of the layered layout. Each import (value or `import type`, `export ... from`, `import()`,
 * `require()`) is resolved to a file, then checked against these zones. Paths are relative to the repository root;
 * a folder that does not exist yet is fine.
 */
const boundaryZones = [
  // Domain: the core rules of the partner organization; depends on nothing else of the app.
  onlyImports(['src/domain'], ['src/domain'], 'src/domain/ imports only src/domain/.'),

  // Store: persistence of the domain; app imports limited to domain and store.
  onlyImports(['src/store'], ['src/domain', 'src/store'], 'src/store/ imports only src/domain/ and src/store/.'),
  // Store: the only npm packages it may use are lowdb, pg (node-postgres) and zod (node built-ins are always allowed).
  {
    target: ['src/store'],
    from: 'node_modules',
    except: ['lowdb', 'pg', '@types/pg', 'zod'],
    message: 'src/store/ uses only node built-ins, lowdb, pg and zod.',
  },

  // Accounts: the use cases (account settings changes) on top of domain and store.
  onlyImports(
    ['src/accounts'],
    ['src/domain', 'src/store', 'src/accounts'],
    'src/accounts/ imports only src/domain/, src/store/ and src/accounts/.',
  ),

  // i18n: texts and translators; only needs to know where the locale files are.
  onlyImports(['src/i18n'], ['src/i18n', 'src/paths.ts'], 'src/i18n/ imports only src/paths.ts and src/i18n/.'),

  // Language understanding: recognizes intents and mentions; pure, no conversation or Teams.
  onlyImports(
    ['src/language'],
    ['src/domain', 'src/i18n', 'src/language', 'src/paths.ts'],
    'src/language/ imports only src/domain/, src/i18n/, src/paths.ts and src/language/.',
  ),

  // Platform: configuration, logging and paths, loaded first at start-up; they import only each other.
  onlyImports(
    ['src/config.ts', 'src/logger.ts', 'src/paths.ts', 'src/startupConfig.ts'],
    ['src/config.ts', 'src/logger.ts', 'src/paths.ts', 'src/startupConfig.ts'],
    'Platform files (config, logger, paths, startupConfig) import only each other.',
  ),

  // Conversation kit: cards, forms, flows shared by dialogs; independent of dialogs, Teams and the entry points.
  {
    target: ['src/conversation'],
    from: ['dialogs', 'src/teams', 'src/app.ts', 'src/index.ts', 'src/server.ts'],
    message: 'The conversation kit never imports dialogs/, src/teams/ or the entry points (app, index, server).',
  },

  // Dialogs: one feature each, built on the conversation kit; they don't know Teams or the entry points...
  {
    target: ['dialogs'],
    from: ['src/teams', 'src/app.ts', 'src/index.ts', 'src/server.ts'],
    message: 'Dialogs never import src/teams/ or the entry points (app, index, server).',
  },
  // ...and never each other (shared parts belong in src/conversation/).
  {
    target: ['dialogs'],
    from: ['dialogs'],
    message: 'Dialogs do not import each other: move the shared part to src/conversation/.',
  },

  // Teams adapter: the Bot Framework side; it must not depend on dialogs or the composition root.
  {
    target: ['src/teams'],
    from: ['dialogs', 'src/app.ts', 'src/index.ts'],
    message: 'src/teams/ never imports dialogs/ or src/app.ts, src/index.ts.',
  },

  // Bot Framework isolation: botbuilder, botbuilder-* and @microsoft/teams-ai only in src/teams/ (and test/, scripts/).
  {
    // Everything but src/teams/, test/ and scripts/: files at the root and in src/, then every other folder.
    target: [`${ROOT}/*`, `${ROOT}/src/*`, `${ROOT}/src/!(teams)/**`, `${ROOT}/!(src|test|scripts|node_modules)/**`],
    from: TEAMS_PACKAGES,
    message: 'botbuilder, botbuilder-* and @microsoft/teams-ai are used only in src/teams/ (and test/, scripts/).',
  },

  // Production code never depends on tests or scripts.
  {
    target: ['src', 'dialogs'],
    from: ['test', 'scripts'],
    message: 'src/ and dialogs/ never import test/ or scripts/.',
  },
];

export default defineConfig(
  globalIgnores(['dist/', 'coverage/', 'data/', 'test-results/', 'bench-results/', 'devTools/', 'tmp/']),

  js.configs.recommended,
  // TypeScript: the type-checked recommended set (it needs the type information of tsconfig.json, which covers src/,
  // dialogs/, scripts/ and test/); the plain recommended set for the few JavaScript files.
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: ROOT } },
  },
  { files: ['**/*.{js,mjs,cjs}'], extends: [tseslint.configs.recommended] },

  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    plugins: { 'import-x': importX },
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.node },
    },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: path.join(ROOT, 'tsconfig.json'), alwaysTryTypes: true }),
      ],
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],

      // Card handlers, member lookups and storage methods implement async interfaces; an `async` function without
      // an `await` is how a synchronous one conforms, not a bug.
      '@typescript-eslint/require-await': 'off',

      // Architecture: see boundaryZones above.
      'import-x/no-restricted-paths': ['error', { basePath: ROOT, zones: boundaryZones }],
      // An import the resolver cannot follow would silently skip the boundary check: make it an error.
      'import-x/no-unresolved': 'error',
    },
  },

  // Application code (src/, dialogs/): logs go through pino, never the console; and `import('…').Type` annotations
  // are not allowed (they are invisible to the boundary check): use `import type` instead.
  {
    files: ['src/**', 'dialogs/**'],
    rules: {
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'TSImportType',
          message: "Use an `import type { … } from '…'` declaration (checked by the import boundaries) instead.",
        },
      ],
    },
  },

  // Tests (and the benchmark's load driver) read JSON answers of the real server and cards as plain data: typing each
  // of those would add casts, not safety. The unsafe-`any` family is off there; every other rule applies.
  {
    files: ['test/**', 'scripts/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },

  // CommonJS files (mocha reporter, playground loader).
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // Last: turn off every stylistic rule that Prettier owns.
  prettier,
);
