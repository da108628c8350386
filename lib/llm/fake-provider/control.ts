// Control of a running fake from outside: faults, stats and reset over
// HTTP under /_fake/, so a test can drive a fake in another process (a
// worker under test, a demo). No API key is needed for these routes.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { ServerContext } from "./context";
import { readBody } from "./exchange";
import { faultRatesSchema, faultRuleSchema, type FaultRates, type FaultRule, type FaultSnapshot } from "./faults";
import type { FakeStats } from "./recorder";

const faultsBody = z.object({
  rules: z.array(faultRuleSchema).optional(),
  rates: faultRatesSchema.optional(),
  seed: z.number().int().optional(),
});

/** Back to the state at start: no scripted faults, the configured rates, no records, full buckets, no files or batches. */
export function resetState(ctx: ServerContext): void {
  ctx.faults.clear();
  ctx.faults.setRates(ctx.options.faultRates, ctx.options.seed);
  ctx.recorder.clear();
  ctx.limiter.reset();
  ctx.files.clear();
  disposeBatches(ctx);
}

export function disposeBatches(ctx: ServerContext): void {
  for (const b of [...ctx.openaiBatches.values(), ...ctx.anthropicBatches.values()]) b.run.dispose();
  ctx.openaiBatches.clear();
  ctx.anthropicBatches.clear();
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

export async function handleControl(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const route = `${req.method} ${url.pathname}`;
  switch (route) {
    case "GET /_fake/stats":
      return send(res, 200, ctx.recorder.stats(url.searchParams.get("records") !== "0"));
    case "GET /_fake/faults":
      return send(res, 200, ctx.faults.snapshot());
    case "DELETE /_fake/faults":
      ctx.faults.clear();
      return send(res, 200, ctx.faults.snapshot());
    case "POST /_fake/reset":
      resetState(ctx);
      return send(res, 200, { reset: true });
    case "POST /_fake/faults": {
      let value: unknown;
      try {
        value = JSON.parse((await readBody(req, ctx.options.maxBodyBytes)).toString("utf8"));
      } catch {
        return send(res, 400, { error: "the body must be JSON: {rules?, rates?, seed?}" });
      }
      const parsed = faultsBody.safeParse(value);
      if (!parsed.success) return send(res, 400, { error: z.prettifyError(parsed.error) });
      if (parsed.data.rules) ctx.faults.inject(parsed.data.rules);
      if (parsed.data.rates) ctx.faults.setRates(parsed.data.rates, parsed.data.seed);
      return send(res, 200, ctx.faults.snapshot());
    }
    default:
      return send(res, 404, { error: `no control route ${route}; try GET /_fake/stats, GET|POST|DELETE /_fake/faults, POST /_fake/reset` });
  }
}

/** The control routes from another process, typed like the in-process handle. */
export function fakeProviderControl(url: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(new URL(path, url), {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  }
  return {
    inject: (rules: FaultRule | FaultRule[]) => call<FaultSnapshot>("POST", "/_fake/faults", { rules: Array.isArray(rules) ? rules : [rules] }),
    setFaultRates: (rates: FaultRates, seed?: number) => call<FaultSnapshot>("POST", "/_fake/faults", { rates, seed }),
    clearFaults: () => call<FaultSnapshot>("DELETE", "/_fake/faults"),
    faults: () => call<FaultSnapshot>("GET", "/_fake/faults"),
    stats: (options: { records?: boolean } = {}) => call<FakeStats>("GET", `/_fake/stats${options.records === false ? "?records=0" : ""}`),
    reset: () => call<{ reset: true }>("POST", "/_fake/reset"),
  };
}
export type FakeProviderControl = ReturnType<typeof fakeProviderControl>;
