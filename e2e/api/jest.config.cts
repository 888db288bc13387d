/** Black-box API tests: they start the built backend (dist/backend) and talk HTTP to it. */
module.exports = {
  displayName: 'e2e-api',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
  maxWorkers: 1,
};
