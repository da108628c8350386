// How the web process (`next start`) is run, for every way it is started: the
// demo (scripts/run.mjs), the end-to-end tests and the benchmarks.
//
// A 64 MB young generation instead of Node 20's 16 MB: the library endpoint
// allocates a page of rows, Prisma's results and 20 KiB of JSON per request,
// and with the default the scavenger ran every few requests (garbage collection
// was 12–14 % of the web process's CPU in B2's profile). Measured under the
// 50-connection mix: 18–21 % more requests per second, app CPU per request
// 3.7 → 2.9 ms (docs/benchmarks.md, B2). package.json's "start" sets the same.
export const WEB_NODE_OPTIONS = "--max-semi-space-size=64";

/** `env` with the web process's Node options added to any already there. */
export function webEnv(env) {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, WEB_NODE_OPTIONS].filter(Boolean).join(" ") };
}
