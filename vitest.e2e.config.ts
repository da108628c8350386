import { defineConfig } from "vitest/config";
import { alias } from "./vitest.shared.ts";

// End-to-end: a built app (`next build` first) + workers against a fresh
// database, driven by Debian's Chromium through playwright-core.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    globalSetup: ["tests/e2e/app-server.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
  },
});
