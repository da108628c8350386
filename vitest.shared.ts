import path from "node:path";

// Test code imports app modules by the same "@/…" paths the app uses;
// `server-only` would throw outside React Server Components.
export const alias = {
  "@": path.resolve(import.meta.dirname),
  "server-only": path.resolve(import.meta.dirname, "tests/stubs/server-only.ts"),
};
