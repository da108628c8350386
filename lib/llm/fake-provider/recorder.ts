// Every request the fake answers, so a test can ask what was billed and
// how often each request key reached the provider.
import type { Api, FaultKind } from "./faults";

export interface RequestRecord {
  /** ISO time the answer went out (or the client gave up). */
  at: string;
  api: Api;
  method: string;
  /** The path; a batch line has its endpoint ("/v1/chat/completions", "/v1/messages"). */
  route: string;
  model: string | null;
  /** The x-client-request-id header; the product sends its request key there. */
  clientRequestId: string | null;
  batchId: string | null;
  customId: string | null;
  /** 0 when the client gave up before an answer (the timeout fault). */
  status: number;
  fault: FaultKind | null;
  inputTokens: number;
  outputTokens: number;
  /** A 200 answer from the model (direct or batch line): what the provider would charge for. */
  billed: boolean;
  /**
   * false when the client had gone before the answer was ready: the provider
   * still did (and billed) the work, as the real ones do.
   */
  delivered: boolean;
  durationMs: number;
}

export interface KeyCount {
  requests: number;
  billed: number;
}

export interface FakeStats {
  totals: {
    requests: number;
    billed: number;
    billedInputTokens: number;
    billedOutputTokens: number;
    byStatus: Record<string, number>;
    byFault: Record<string, number>;
  };
  /** Per request key: x-client-request-id, else a batch line's custom_id. */
  byKey: Record<string, KeyCount>;
  /** Keys answered (billed) more than once: duplicated work. */
  billedMoreThanOnce: string[];
  /** Absent when asked for totals only. */
  records?: RequestRecord[];
}

export class Recorder {
  private records: RequestRecord[] = [];

  add(record: RequestRecord): void {
    this.records.push(record);
  }

  clear(): void {
    this.records = [];
  }

  stats(includeRecords = true): FakeStats {
    const totals: FakeStats["totals"] = { requests: 0, billed: 0, billedInputTokens: 0, billedOutputTokens: 0, byStatus: {}, byFault: {} };
    const byKey: Record<string, KeyCount> = {};
    for (const r of this.records) {
      totals.requests += 1;
      totals.byStatus[r.status] = (totals.byStatus[r.status] ?? 0) + 1;
      if (r.fault) totals.byFault[r.fault] = (totals.byFault[r.fault] ?? 0) + 1;
      if (r.billed) {
        totals.billed += 1;
        totals.billedInputTokens += r.inputTokens;
        totals.billedOutputTokens += r.outputTokens;
      }
      const key = r.clientRequestId ?? r.customId;
      if (key !== null) {
        const count = (byKey[key] ??= { requests: 0, billed: 0 });
        count.requests += 1;
        if (r.billed) count.billed += 1;
      }
    }
    const billedMoreThanOnce = Object.entries(byKey)
      .filter(([, c]) => c.billed > 1)
      .map(([k]) => k);
    return { totals, byKey, billedMoreThanOnce, ...(includeRecords ? { records: [...this.records] } : {}) };
  }
}
