import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        // Integration tests inside workerd, against the real Worker and a D1
        // database migrated by the same SQL files wrangler applies.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            // PUBLIC_ORIGIN: the tests' own origin. DEV_MAILBOX: keep mail unredacted for the tests (never set in production).
            miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations("migrations"), PUBLIC_ORIGIN: "https://plenary.test", DEV_MAILBOX: "on" } },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/**/*.test.ts"],
          exclude: ["test/e2e/**", "test/bench/**"],
          setupFiles: ["test/setup.ts"],
          // Two shared cores: a cold import (unpdf, pdf-lib) can pass 5 s on a busy machine.
          testTimeout: 30_000,
          // Run before the browser tests, not beside them: two cores shared by workerd
          // pools and Chromium make page timings flaky.
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Browser tests: Debian's Chromium driven by playwright-core against `wrangler dev`.
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          globalSetup: ["test/e2e/global-setup.ts"],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
