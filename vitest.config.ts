import { defineConfig } from 'vitest/config';

// One root config runs every package as a project. The storage-facing api tests run
// twice: on embedded PGlite and on a real PostgreSQL server (TEST_DATABASE_URL).
const dbTests = ['src/store/**/*.test.ts', 'src/services/**/*.test.ts', 'src/http/**/*.test.ts', 'src/jobs/**/*.test.ts', 'src/ingest/**/*.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './tests/support/closing-line-reporter.ts'],
    projects: [
      { test: { name: 'core', root: 'core', include: ['src/**/*.test.ts'] } },
      { test: { name: 'bot', root: 'bot', include: ['src/**/*.test.ts'] } },
      { test: { name: 'manifest', root: 'manifest', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'api:pglite',
          root: 'api',
          include: ['src/**/*.test.ts'],
          env: { DIARIUM_TEST_ENGINE: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api:postgres',
          root: 'api',
          include: dbTests,
          env: { DIARIUM_TEST_ENGINE: 'postgres' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'outlook-addin',
          root: 'outlook-addin',
          include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      {
        test: {
          name: 'tabs',
          root: 'tabs',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          environmentOptions: { happyDOM: { url: 'http://diarium.test/tabs/channel.html' } },
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      { test: { name: 'infra', root: 'infra', include: ['**/*.test.ts'] } },
      {
        test: {
          name: 'tests',
          root: 'tests',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', 'bench/**'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
