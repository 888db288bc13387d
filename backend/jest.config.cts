module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // @material/material-color-utilities (libs/shared's brand theme) and dinero.js (invoice-math.ts) ship only ES modules: compile them too.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(@material/material-color-utilities|dinero\.js|@scure/base|@noble/hashes)/).*/node_modules/',
  ],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../coverage/backend',
};
