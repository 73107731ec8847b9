import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // Real SQLite files, real HTTP and a real keychain: give slow machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI_REPORT_DIR ? ['default', ['json', { outputFile: `${process.env.CI_REPORT_DIR}/vitest.json` }]] : ['default'],
  },
});
