// A fake LLM provider: a real HTTP server that speaks enough of the OpenAI
// and Anthropic wire formats for their official SDKs to work against it
// unchanged. For tests, demos of failure and benchmarks; never the
// product's default provider.
import { setMaxListeners } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { anthropicBatchRoutes } from "./anthropic-batches";
import { anthropicMessageRoutes } from "./anthropic-routes";
import { anthropicDialect } from "./anthropic-wire";
import type { Route, ServerContext } from "./context";
import { disposeBatches, handleControl, resetState } from "./control";
import { Exchange } from "./exchange";
import { FaultPlan, type ErrorFault, type FaultRates, type FaultRule, type FaultSnapshot } from "./faults";
import { openaiBatchRoutes } from "./openai-batches";
import { FileStore, openaiFileRoutes } from "./openai-files";
import { openaiChatRoutes } from "./openai-routes";
import { openaiDialect } from "./openai-wire";
import { fakeProviderOptionsSchema, type FakeProviderOptions } from "./options";
import { seededRng } from "./random";
import { RateLimiter } from "./rate-limits";
import { Recorder, type FakeStats } from "./recorder";

const routes: Route[] = [...openaiChatRoutes, ...openaiFileRoutes, ...openaiBatchRoutes, ...anthropicMessageRoutes, ...anthropicBatchRoutes];

export interface FakeProvider {
  /** http://host:port, the Anthropic SDK's baseURL. */
  url: string;
  /** url + "/v1", the OpenAI SDK's baseURL. */
  openaiBaseURL: string;
  anthropicBaseURL: string;
  /** Queue scripted faults: the next `count` matching requests get `fault`. */
  inject(rules: FaultRule | FaultRule[]): void;
  /** Random fault rates per kind, from a stream seeded with `seed` (default: the options' seed). */
  setFaultRates(rates: FaultRates, seed?: number): void;
  /** No scripted faults and no random rates. */
  clearFaults(): void;
  faults(): FaultSnapshot;
  stats(options?: { records?: boolean }): FakeStats;
  /** Back to the state at start (faults, records, rate-limit buckets, files, batches). */
  reset(): void;
  close(): Promise<void>;
}

/** The key a request carries: Authorization: Bearer (OpenAI; Anthropic's SDK too) or x-api-key (Anthropic). */
function keyOf(req: IncomingMessage): string | null {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
  const apiKey = req.headers["x-api-key"];
  return bearer ?? (typeof apiKey === "string" ? apiKey : null);
}

function missingKeyMessage(api: "openai" | "anthropic"): string {
  return api === "openai"
    ? "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
    : "x-api-key header is required";
}

async function handle(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  if (url.pathname.startsWith("/_fake/")) return handleControl(ctx, req, res, url);

  let route: Route | undefined;
  let params: string[] = [];
  for (const r of routes) {
    const m = r.method === req.method ? r.pattern.exec(url.pathname) : null;
    if (m) {
      route = r;
      params = m.slice(1).map(decodeURIComponent);
      break;
    }
  }
  const anthropicLike = url.pathname.startsWith("/v1/messages") || req.headers["anthropic-version"] !== undefined;
  const dialect = route?.dialect ?? (anthropicLike ? anthropicDialect : openaiDialect);
  const ex = new Exchange(req, res, dialect, url.pathname, ctx.recorder, ctx.options.maxBodyBytes);

  const key = keyOf(req);
  if (ctx.options.apiKey !== undefined && key !== ctx.options.apiKey) {
    return ex.fail("unauthorized", key === null ? { message: missingKeyMessage(dialect.api) } : {});
  }
  if (!route) {
    return ex.fail("not_found", { message: dialect.api === "openai" ? `Invalid URL (${req.method} ${url.pathname})` : "Not Found" });
  }
  if (dialect.api === "anthropic" && req.headers["anthropic-version"] === undefined) {
    return ex.fail("bad_request", { message: "anthropic-version: header is required" });
  }
  if (!route.modelCall) {
    const picked = ctx.faults.pick({ api: dialect.api, path: url.pathname, model: null, body: "", key: ex.clientRequestId, batch: false, modelCall: false });
    if (picked) {
      ex.fault = picked.kind;
      // Only error faults reach here (see FaultPlan): answer with the error alone.
      return ex.fail(picked.kind as ErrorFault);
    }
  }
  await route.handle(ctx, ex, params);
}

export async function startFakeProvider(options: FakeProviderOptions = {}): Promise<FakeProvider> {
  const resolved = fakeProviderOptionsSchema.parse(options);
  const closing = new AbortController();
  // Every answer in its latency wait listens to this one signal: hundreds at a time is normal, not a leak.
  setMaxListeners(0, closing.signal);
  const jitter = seededRng(resolved.seed ^ 0x5eed);
  const ctx: ServerContext = {
    options: resolved,
    limiter: new RateLimiter(resolved.limits),
    faults: new FaultPlan(resolved.faultRates, resolved.seed),
    recorder: new Recorder(),
    files: new FileStore(),
    openaiBatches: new Map(),
    anthropicBatches: new Map(),
    async delay() {
      const ms = resolved.latencyMs + Math.floor(jitter.next() * (resolved.jitterMs + 1));
      if (ms > 0) await sleep(ms, undefined, { signal: closing.signal });
    },
  };

  const server = createServer((req, res) => {
    handle(ctx, req, res).catch((error: unknown) => {
      if (closing.signal.aborted || res.headersSent) return;
      // A bug in the fake, not a simulated fault: say so plainly.
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `fake provider bug: ${String(error)}`, type: "fake_provider_bug" } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  const url = `http://${host}:${port}`;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    inject: (rules) => ctx.faults.inject(rules),
    setFaultRates: (rates, seed) => ctx.faults.setRates(rates, seed),
    clearFaults: () => ctx.faults.clear(),
    faults: () => ctx.faults.snapshot(),
    stats: ({ records = true } = {}) => ctx.recorder.stats(records),
    reset: () => resetState(ctx),
    async close() {
      closing.abort();
      disposeBatches(ctx);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Hanging requests (the timeout fault) and idle keep-alive sockets would hold close() forever.
      server.closeAllConnections();
      await closed;
    },
  };
}
