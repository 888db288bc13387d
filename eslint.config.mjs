import nx from '@nx/eslint-plugin';

/**
 * Lint for every project. Module boundaries really constrain: the frontend and the backend only
 * meet in libs/shared, and libs/shared imports neither Nest nor Angular (nor anything with I/O).
 * Promise-returning calls must be awaited or explicitly voided (no-floating-promises).
 */
const RAW_DATA_ACCESS =
  'Raw data access is not allowed here: read and write tenant data through TenantData (core/tenancy) — findOwned, listOwned, query, assertAccess, insertOwned, updateOwned, transaction — and say why a query must cross tenants with tenant.unscoped("reason").';

const RAW_DATA_ACCESS_IMPORTS = [
  { name: 'typeorm', importNames: ['DataSource', 'Repository'], message: RAW_DATA_ACCESS },
  {
    name: '@nestjs/typeorm',
    importNames: ['InjectDataSource', 'InjectRepository', 'InjectEntityManager', 'getRepositoryToken'],
    message: RAW_DATA_ACCESS,
  },
];
/** What the backend's own code may not import: raw data access, and the tests' harnesses. */
const BACKEND_SOURCE_BANNED_IMPORTS = [
  ...RAW_DATA_ACCESS_IMPORTS,
  { name: '@atrium/testing', message: 'libs/testing holds test harnesses (dnsmasq, ...); only tests may use them.' },
];
const CORE_BELOW_FEATURES = {
  group: ['**/modules/**'],
  message:
    'core/ may not import modules/: move what both need below the features (core/tenancy, ...) or let the feature call core.',
};
/** Where raw data sources are the point: the data-access layer, database plumbing, the operator CLI. */
const DATA_ACCESS_LAYER = [
  'backend/src/core/tenancy/tenant-data.ts',
  'backend/src/core/database/**',
  'backend/src/cli.ts',
  'backend/src/data-source.cli.ts',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/node_modules',
      '**/test-results',
      '**/playwright-report',
      '**/*.config.cts',
      '**/jest.preset.js',
      '**/webpack.config.js',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              sourceTag: 'scope:shared',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'express', 'rxjs', 'node:*', 'fs', 'path'],
            },
            {
              // Test harnesses (libs/testing) are for the backend's integration tests and e2e only.
              sourceTag: 'scope:testing',
              onlyDependOnLibsWithTags: ['scope:shared'],
            },
            {
              sourceTag: 'scope:backend',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'],
              bannedExternalImports: ['@angular/*'],
            },
            {
              sourceTag: 'scope:frontend',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'mysql2',
                'better-sqlite3',
                'bull',
                'ioredis',
                'nodemailer',
                'argon2',
                'express',
              ],
            },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', 'scope:testing'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // A switch over a union must name every member, so a new role, status or scope kind cannot
      // fall through unnoticed; a default still closes a switch over an open type.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // Tenant data is reached through TenantData (core/tenancy/tenant-data.ts) only: its helpers add
    // the tenant condition by construction, and a query that must cross tenants says why with
    // tenant.unscoped('reason'). The data-access layer itself, the database plumbing and the
    // operator CLI are the allow-list.
    files: ['backend/src/**/*.ts'],
    ignores: [...DATA_ACCESS_LAYER, 'backend/src/**/*.spec.ts', 'backend/src/**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: BACKEND_SOURCE_BANNED_IMPORTS }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='manager']",
          message: `${RAW_DATA_ACCESS} Pass the transaction (tx) itself to core services; they take its manager.`,
        },
      ],
    },
  },
  {
    // Features use each other through their services, not by reading each other's tables: importing
    // another feature's entity to query it is refused (a type import to describe a value is fine).
    // The tenancy entities all features share live in core/tenancy/entities.
    files: ['backend/src/modules/**/*.ts'],
    ignores: [
      'backend/src/**/*.spec.ts',
      'backend/src/**/*.int-spec.ts',
      // The demo seeder fills every feature's tables on purpose, like a migration of demo data.
      'backend/src/modules/demo/**',
      // The portal week is one indexed join of post targets and their accounts (bench:calendar).
      'backend/src/modules/posts/portal-calendar.ts',
      // The platform admin API sees across features on purpose (usage counts, export, deletion), and
      // its own parts (operators, their sign-in) share their tables.
      'backend/src/modules/platform-admin/**',
      // Only for the foreign key: a file deleted from the library leaves the messages it was sent with.
      'backend/src/modules/messages/entities/message-attachment.entity.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*/entities/*', '../../*/entities/*'],
              allowTypeImports: true,
              message:
                "Another feature's table: call that feature's service (or an exported function of it) instead of querying its entity.",
            },
          ],
        },
      ],
    },
  },
  {
    // core/ is what every feature stands on; it never reaches up into a feature.
    files: ['backend/src/core/**/*.ts'],
    ignores: DATA_ACCESS_LAYER,
    rules: {
      'no-restricted-imports': ['error', { paths: BACKEND_SOURCE_BANNED_IMPORTS, patterns: [CORE_BELOW_FEATURES] }],
    },
  },
  {
    files: DATA_ACCESS_LAYER.filter((glob) => glob.startsWith('backend/src/core/')),
    rules: {
      'no-restricted-imports': ['error', { patterns: [CORE_BELOW_FEATURES] }],
    },
  },
];
