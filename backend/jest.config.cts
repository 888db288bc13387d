module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // @material/material-color-utilities (libs/shared's brand theme) ships only ES modules: compile it too.
  transformIgnorePatterns: ['/node_modules/(?!@material/material-color-utilities/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../coverage/backend',
};
