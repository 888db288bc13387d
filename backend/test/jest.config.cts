/**
 * Integration tests: the real application against a real database (SQLite by default; MariaDB
 * with TEST_DATABASE=mariadb) and, with TEST_REDIS_URL, real Redis for jobs and rate limits.
 */
module.exports = {
  displayName: 'backend-integration',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testEnvironment: 'node',
  // Each feature's isolation spec lives beside it in src/modules/<feature>/; the rest live here.
  roots: ['<rootDir>', '<rootDir>/../src'],
  testMatch: ['**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
  // Packages that ship only ES modules, compiled too: @material/material-color-utilities (libs/shared's
  // brand theme) and content-disposition 3 (of @fastify/static) and dinero.js. Node requires them as they are.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@material/material-color-utilities|content-disposition|dinero\.js|@scure/base|@noble/hashes)/).*/node_modules/',
  ],
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 30000,
  // Suites share one MariaDB/Redis server; each gets its own database but runs one at a time on 2 cores.
  maxWorkers: 1,
};
