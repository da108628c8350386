import { defineConfig } from "vitest/config";
import { alias } from "./vitest.shared.ts";

export default defineConfig({
  resolve: { alias },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    setupFiles: ["tests/helpers/fresh-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2-core machines: two files at a time, each in its own database.
    maxWorkers: 2,
    pool: "forks",
  },
});
