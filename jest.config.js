/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
    // jose ships only ES modules; Jest's module runtime needs them compiled to CommonJS (Node itself loads them natively).
    '^.+/node_modules/jose/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 60000,
  // Browser tests start Chromium and the Playground; running them alongside storage-heavy suites on 2 cores is slower than in sequence.
  maxWorkers: 2,
};
