import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// Two projects, both run by `npm test` (`npm test -- --project fast` runs one):
// - slow: tests that start other processes (the CLI, `npm start`, workers, Chromium) or stress
//   the embedded socket. By convention a file is slow when it is named `*.slow.test.ts` or lives
//   in test/e2e, test/browser or test/slow; the few listed below predate the convention. Each runs
//   in a fresh process (isolate), and they start first: they are the run's long tail.
// - fast: everything else, in two long-lived workers that keep their imports between files
//   (isolate: false), since importing the app (LangGraph, OpenAI, Hono, zod…) in a fresh process
//   per file cost more than half the suite's CPU. A fast test must leave no global state behind:
//   no vi.mock, no process.env writes, close what it opens. Each worker also keeps one embedded
//   database, emptied for every file (RELAIS_TEST_SHARED_DB, test/support/context.ts): booting
//   PGlite costs about a second of CPU a file.
const SLOW = [
  '**/*.slow.test.ts',
  'test/e2e/**/*.test.ts',
  'test/browser/**/*.test.ts',
  'test/slow/**/*.test.ts',
  'channels/dispatcher-workers.test.ts',
  'cli/commands/intent.test.ts',
  'db/embedded/server.test.ts',
];
const EXCLUDE = ['node_modules/**', '.relais/**', '.relais-*/**'];

/** Slow files first (longest first within each, from the last run's timings), then the fast ones. */
class SlowFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = sorted.filter((f) => f.project.name === 'slow');
    return [...slow, ...sorted.filter((f) => f.project.name !== 'slow')];
  }
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // 2 cores; both projects share one pool, so they must agree on this
    maxWorkers: 2,
    globalSetup: ['test/support/global-setup.ts'],
    sequence: { sequencer: SlowFirst },
    projects: [
      { extends: true, test: { name: 'slow', include: SLOW, exclude: EXCLUDE, isolate: true } },
      { extends: true, test: { name: 'fast', include: ['**/*.test.ts'], exclude: [...EXCLUDE, ...SLOW], isolate: false, env: { RELAIS_TEST_SHARED_DB: '1' } } },
    ],
  },
});
