/** Black-box API tests: they start the built backend (dist/backend) and talk HTTP to it. */
module.exports = {
  displayName: 'e2e-api',
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/../tsconfig.json' }],
    // otplib's base32 (operator sign-in computes TOTP codes) ships only ES modules: compiled too.
    '^.+/node_modules/(@scure/base|@noble/hashes)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true } }],
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/(@scure/base|@noble/hashes)/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 60000,
  maxWorkers: 1,
};
