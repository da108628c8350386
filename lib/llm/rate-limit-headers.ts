// What providers say about their limits, read from response headers: how
// long to wait after a 429, and how many tokens are left in this minute.

/** "1s", "6m0s", "20ms", "1h2m3.5s" (OpenAI's reset format) → ms. */
export function parseDuration(s: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let matched = "";
  for (const m of s.matchAll(re)) {
    const n = Number(m[1]);
    total += m[2] === "h" ? n * 3_600_000 : m[2] === "m" ? n * 60_000 : m[2] === "s" ? n * 1_000 : n;
    matched += m[0];
  }
  return matched.length > 0 && matched.length === s.trim().length ? total : null;
}

function untilDate(value: string, now: number): number | null {
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/**
 * How long to pause a queue after a 429. Prefers the explicit retry-after
 * headers, then the reset time of whichever limit is exhausted.
 */
export function retryAfterMs(h: Headers, now = Date.now()): number | null {
  const ms = h.get("retry-after-ms");
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const ra = h.get("retry-after");
  if (ra) {
    if (Number.isFinite(Number(ra))) return Number(ra) * 1_000;
    const d = untilDate(ra, now);
    if (d !== null) return d;
  }
  const resets: number[] = [];
  for (const kind of ["requests", "tokens"]) {
    if (h.get(`x-ratelimit-remaining-${kind}`) === "0") {
      const d = parseDuration(h.get(`x-ratelimit-reset-${kind}`) ?? "");
      if (d !== null) resets.push(d);
    }
  }
  for (const kind of ["requests", "tokens", "input-tokens", "output-tokens"]) {
    if (h.get(`anthropic-ratelimit-${kind}-remaining`) === "0") {
      const d = untilDate(h.get(`anthropic-ratelimit-${kind}-reset`) ?? "", now);
      if (d !== null) resets.push(d);
    }
  }
  return resets.length ? Math.max(...resets) : null;
}

/** Tokens left in the provider's window, when it says (used to correct our bucket). */
export function remainingTokens(h: Headers): number | null {
  for (const name of ["x-ratelimit-remaining-tokens", "anthropic-ratelimit-tokens-remaining", "anthropic-ratelimit-input-tokens-remaining"]) {
    const v = h.get(name);
    if (v !== null && v !== "" && Number.isFinite(Number(v))) return Number(v);
  }
  return null;
}
