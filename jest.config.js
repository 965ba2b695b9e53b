/**
 * `npm test` runs everything: unit specs (beside the code), rule fixtures, HTTP/DB e2e (SQLite and PostgreSQL) and
 * browser tests. `npm run test:unit` runs only libs/, apps/ unit specs and test/rules (no database, no browser) with
 * property-test sizes scaled down by GDPM_PROPERTY_RUNS (test/support/property-runs.ts).
 */
process.env.TZ = 'UTC';
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }],
  },
  moduleNameMapper: {
    '^@app/engine$': '<rootDir>/libs/engine/src',
    '^@app/engine/(.*)$': '<rootDir>/libs/engine/src/$1',
    '^@app/batch$': '<rootDir>/libs/batch/src',
    '^@app/batch/(.*)$': '<rootDir>/libs/batch/src/$1',
    '^@app/api/(.*)$': '<rootDir>/apps/api/src/$1',
  },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.js',
  testTimeout: 60000,
  maxWorkers: 2,
};
