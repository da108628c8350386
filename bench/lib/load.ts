// A bounded closed-loop load generator: `concurrency` keep-alive connections,
// each sending the next path from the list until the list or the time is
// used up. Latency is measured per request, response body read in full.
import http from "node:http";
import { now, rng } from "./stats";

export type LoadResult = { latencies: { kind: string; ms: number }[]; errors: string[]; seconds: number };

export async function load(
  baseUrl: string,
  requests: { kind: string; path: string }[],
  opts: { concurrency: number; cookie: string; maxSeconds: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  try {
    return await closedLoop(requests, opts, async (r) => {
      const status = await get(`${baseUrl}${r.path}`, agent, opts.cookie);
      if (status !== 200) throw new Error(String(status));
    });
  } finally {
    agent.destroy();
  }
}

/**
 * `concurrency` lanes, each running `send` for the next request until the
 * list or the time is used up; a throw is recorded as an error with the request.
 */
export async function closedLoop<R extends { kind: string; path: string }>(
  requests: R[],
  opts: { concurrency: number; maxSeconds: number },
  send: (r: R) => Promise<unknown>,
): Promise<LoadResult> {
  const latencies: LoadResult["latencies"] = [];
  const errors: string[] = [];
  const start = now();
  const deadline = start + opts.maxSeconds * 1000;
  let next = 0;
  const lane = async () => {
    while (next < requests.length && now() < deadline) {
      const r = requests[next++]!;
      const t = now();
      try {
        await send(r);
      } catch (e) {
        errors.push(`${(e as Error).message} ${r.path}`);
      }
      latencies.push({ kind: r.kind, ms: now() - t });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  return { latencies, errors, seconds: (now() - start) / 1000 };
}

/**
 * Open loop: requests arrive at `rate` per second (exponential gaps, a fixed
 * seed) whether or not earlier ones have finished, over at most `connections`
 * keep-alive sockets; a request that finds every socket busy waits for one.
 * Latency runs from the moment the request was due, so time spent queued in
 * this generator counts (no coordinated omission). This is how people load a
 * server: 50 clinicians browsing send a page request every few seconds each,
 * not one the instant the last answer arrives.
 */
export async function openLoop(
  baseUrl: string,
  requests: { kind: string; path: string }[],
  opts: { rate: number; connections: number; cookie: string; seconds: number; seed?: number },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const r = rng(opts.seed ?? 7);
  const latencies: LoadResult["latencies"] = [];
  const errors: string[] = [];
  const pending: Promise<void>[] = [];
  const start = now();
  let due = start;
  try {
    for (let i = 0; due - start < opts.seconds * 1000; i++) {
      const wait = due - now();
      if (wait > 0) await new Promise((res) => setTimeout(res, wait));
      const req = requests[i % requests.length]!;
      const at = due;
      pending.push(
        get(`${baseUrl}${req.path}`, agent, opts.cookie).then(
          (status) => {
            if (status !== 200) errors.push(`${status} ${req.path}`);
            latencies.push({ kind: req.kind, ms: now() - at });
          },
          (e: Error) => void errors.push(`${e.message} ${req.path}`),
        ),
      );
      due += (-Math.log(1 - r()) * 1000) / opts.rate;
    }
    await Promise.all(pending);
    return { latencies, errors, seconds: (now() - start) / 1000 };
  } finally {
    agent.destroy();
  }
}

export function get(url: string, agent: http.Agent, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}
