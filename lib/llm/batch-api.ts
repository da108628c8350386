import "server-only";
// The providers' batch APIs (half price, results within 24 h) behind one
// shape: submit lines keyed by custom_id, check status, read results, cancel.
// OpenAI: a JSONL file of chat-completion bodies + a batch; Anthropic: a
// message batch. Results are parsed with the same parsers as realtime calls.
import type Anthropic from "@anthropic-ai/sdk";
import OpenAI, { toFile } from "openai";
import type { Provider } from "@/lib/db/client";
import { anthropicBody, anthropicUsage, parseAnthropicMessage } from "./anthropic-adapter";
import { providerClient } from "./call";
import { classifyHttpError } from "./classify";
import { openaiBody, openaiUsage, parseOpenAIChat } from "./openai-adapter";
import { ProviderFailure, type CallSpec, type Usage } from "./types";

export type BatchLine = { customId: string; spec: CallSpec };
export type Submitted = { externalId: string; inputFileId: string | null };
export type BatchState = { ended: boolean; detail: string };
export type LineResult =
  | { customId: string; ok: true; output: unknown; usage: Usage; raw: unknown }
  | { customId: string; ok: false; failure: ProviderFailure };

/** Our batch row id travels as metadata (OpenAI), so a batch created just before a crash can be found again. */
export async function submitBatch(p: Provider, lines: BatchLine[], ourBatchId: number): Promise<Submitted> {
  if (p.kind === "anthropic") {
    const c = providerClient(p) as Anthropic;
    const b = await c.messages.batches.create({
      requests: lines.map((l) => ({ custom_id: l.customId, params: anthropicBody(l.spec, p.model) })),
    });
    return { externalId: b.id, inputFileId: null };
  }
  const c = providerClient(p) as OpenAI;
  const jsonl = lines
    .map((l) => JSON.stringify({ custom_id: l.customId, method: "POST", url: "/v1/chat/completions", body: openaiBody(l.spec, p.model, p.kind === "openai" ? "openai" : "openai_compatible") }))
    .join("\n");
  const file = await c.files.create({ file: await toFile(Buffer.from(jsonl), `obsidian-batch-${ourBatchId}.jsonl`), purpose: "batch" });
  const b = await c.batches.create({
    input_file_id: file.id,
    endpoint: "/v1/chat/completions",
    completion_window: "24h",
    metadata: { obsidian_batch: String(ourBatchId) },
  });
  return { externalId: b.id, inputFileId: file.id };
}

/** An OpenAI batch this row already created (crash between create and our write), if any. */
export async function findSubmitted(p: Provider, ourBatchId: number): Promise<string | null> {
  if (p.kind === "anthropic") return null; // message batches carry no metadata; see docs/architecture.md
  const c = providerClient(p) as OpenAI;
  for await (const b of c.batches.list({ limit: 100 })) {
    if (b.metadata?.obsidian_batch === String(ourBatchId)) return b.id;
  }
  return null;
}

export async function batchState(p: Provider, externalId: string): Promise<BatchState> {
  if (p.kind === "anthropic") {
    const b = await (providerClient(p) as Anthropic).messages.batches.retrieve(externalId);
    const rc = b.request_counts;
    return { ended: b.processing_status === "ended", detail: `${rc.succeeded} succeeded, ${rc.errored} errored, ${rc.processing} processing` };
  }
  const b = await (providerClient(p) as OpenAI).batches.retrieve(externalId);
  const rc = b.request_counts;
  return { ended: ["completed", "failed", "expired", "cancelled"].includes(b.status), detail: `${b.status}${rc ? `: ${rc.completed} of ${rc.total} done, ${rc.failed} failed` : ""}` };
}

export async function cancelBatch(p: Provider, externalId: string): Promise<void> {
  if (p.kind === "anthropic") await (providerClient(p) as Anthropic).messages.batches.cancel(externalId);
  else await (providerClient(p) as OpenAI).batches.cancel(externalId);
}

/** Every result line of an ended batch. Lines that are missing (expired, cancelled) are simply absent. */
export async function* batchResults(p: Provider, externalId: string, toolName: (customId: string) => string): AsyncGenerator<LineResult> {
  if (p.kind === "anthropic") {
    const c = providerClient(p) as Anthropic;
    for await (const line of await c.messages.batches.results(externalId)) {
      const r = line.result;
      if (r.type === "succeeded") yield parsed(line.custom_id, () => parseAnthropicMessage(r.message, toolName(line.custom_id)), anthropicUsage(r.message), r.message);
      else if (r.type === "errored") {
        const err = r.error as unknown as { error?: { type?: string } };
        const status = err.error?.type === "invalid_request_error" ? 400 : 500;
        yield { customId: line.custom_id, ok: false, failure: classifyHttpError(status, r.error, new Headers(), "batch request errored") };
      } else yield { customId: line.custom_id, ok: false, failure: new ProviderFailure("retryable", r.type, `The batch ${r.type === "expired" ? "expired" : "was cancelled"} before this request ran.`) };
    }
    return;
  }
  const c = providerClient(p) as OpenAI;
  const b = await c.batches.retrieve(externalId);
  for (const fileId of [b.output_file_id, b.error_file_id]) {
    if (!fileId) continue;
    const text = await (await c.files.content(fileId)).text();
    for (const raw of text.split("\n")) {
      if (!raw.trim()) continue;
      const line = JSON.parse(raw) as { custom_id: string; response?: { status_code: number; body: unknown } | null; error?: { code?: string; message?: string } | null };
      const res = line.response;
      if (res && res.status_code === 200) {
        const body = res.body as Parameters<typeof parseOpenAIChat>[0];
        yield parsed(line.custom_id, () => parseOpenAIChat(body), openaiUsage(body), body);
      } else if (res) {
        yield { customId: line.custom_id, ok: false, failure: classifyHttpError(res.status_code, res.body, new Headers(), `batch line answered ${res.status_code}`) };
      } else {
        const e = line.error;
        yield { customId: line.custom_id, ok: false, failure: new ProviderFailure(e?.code === "batch_expired" || e?.code === "batch_cancelled" ? "retryable" : "fatal", e?.code ?? "batch_error", e?.message ?? "The batch line failed.") };
      }
    }
  }
}

function parsed(customId: string, parse: () => unknown, usage: Usage, raw: unknown): LineResult {
  try {
    return { customId, ok: true, output: parse(), usage, raw };
  } catch (e) {
    if (e instanceof ProviderFailure) return { customId, ok: false, failure: e };
    throw e;
  }
}
