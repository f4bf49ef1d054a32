/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
    // @microsoft/app-manifest (the Teams manifest validator) requires strip-bom, which is ESM only;
    // Node loads it natively, jest's module system needs it as CommonJS.
    '/node_modules/strip-bom/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!strip-bom/)'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 60000,
  // Browser tests start Chromium and the Playground; running them alongside storage-heavy suites on 2 cores is slower than in sequence.
  maxWorkers: 2,
};
