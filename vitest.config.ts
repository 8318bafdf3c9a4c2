import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn real processes; two cores, so keep the pool small.
    maxWorkers: 2,
    // @actions/workflow-parser imports JSON without an import attribute, which plain Node rejects.
    server: { deps: { inline: ['@actions/workflow-parser'] } },
  },
});
