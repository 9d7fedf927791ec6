import { defineConfig } from 'vitest/config'

// The slow fault, crash and load tests: `npm run test:faults` (also run by .ci/run).
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.spec.ts'],
    testTimeout: 300_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    passWithNoTests: true,
    reporters: ['default', ['json', { outputFile: 'artifacts/vitest-faults-report.json' }]],
  },
})
