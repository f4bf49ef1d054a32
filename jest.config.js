/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
    // ES-module-only packages (jose, for the tab's token check; strip-bom, which Microsoft's Teams
    // manifest validator requires): Node loads them natively, jest's module runtime needs CommonJS.
    '/node_modules/(jose|strip-bom)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|strip-bom)/)'],
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testTimeout: 60000,
  // Browser tests start Chromium and the Playground; running them alongside storage-heavy suites on 2 cores is slower than in sequence.
  maxWorkers: 2,
};
