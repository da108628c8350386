// Batch APIs of the fake provider end to end, through the official SDKs.
import Anthropic from "@anthropic-ai/sdk";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startFakeProvider, type FakeProvider } from "@/lib/llm/fake-provider";

const ddx = z.object({ one_liner: z.string(), ddx: z.array(z.string()).min(5).max(11) });
const ddxSchema = z.toJSONSchema(ddx) as Record<string, unknown>;

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ batch: { validatingMs: 40, processingMs: 200, cancellingMs: 40 } });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const openai = () => new OpenAI({ apiKey: "k", baseURL: fake.openaiBaseURL, maxRetries: 0 });
const anthropic = () => new Anthropic({ apiKey: "k", baseURL: fake.anthropicBaseURL, maxRetries: 0 });

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("batch did not finish");
}

function chatLine(customId: string, figure: string) {
  return {
    custom_id: customId,
    method: "POST",
    url: "/v1/chat/completions",
    body: {
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: `Differential for ${figure}` }],
      response_format: { type: "json_schema", json_schema: { name: "ddx", strict: true, schema: ddxSchema } },
      max_completion_tokens: 1000,
    },
  };
}

async function uploadBatch(c: OpenAI, lines: unknown[]) {
  const jsonl = lines.map((l) => JSON.stringify(l)).join("\n") + "\n";
  return c.files.create({ file: await toFile(Buffer.from(jsonl), "requests.jsonl"), purpose: "batch" });
}

async function jsonl(c: OpenAI, fileId: string | null | undefined): Promise<Record<string, unknown>[]> {
  if (!fileId) return [];
  const text = await (await c.files.content(fileId)).text();
  return text
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("OpenAI batches", () => {
  it("runs a JSONL batch to completion; a faulted line lands in the error file", async () => {
    const c = openai();
    fake.inject([
      { fault: "server_error", bodyContains: "figure B", batch: true },
      { fault: "timeout", key: "gen-d", batch: true },
    ]);
    const file = await uploadBatch(c, [chatLine("gen-a", "figure A"), chatLine("gen-b", "figure B"), chatLine("gen-c", "figure C"), chatLine("gen-d", "figure D")]);
    expect(file).toMatchObject({ object: "file", purpose: "batch", filename: "requests.jsonl", status: "processed" });
    expect((await c.files.retrieve(file.id)).bytes).toBe(file.bytes);

    const created = await c.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata: { run: "7" } });
    expect(created).toMatchObject({ object: "batch", status: "validating", metadata: { run: "7" }, output_file_id: null });
    await new Promise((r) => setTimeout(r, 60));
    expect((await c.batches.retrieve(created.id)).status).toBe("in_progress");

    const done = await until(() => c.batches.retrieve(created.id), (b) => b.status === "completed");
    expect(done.request_counts).toEqual({ total: 4, completed: 2, failed: 2 });
    expect(done.completed_at).toBeGreaterThanOrEqual(done.created_at);
    expect(done.usage?.total_tokens).toBeGreaterThan(0);

    const output = await jsonl(c, done.output_file_id);
    expect(output.map((l) => l.custom_id).sort()).toEqual(["gen-a", "gen-c"]);
    for (const line of output) {
      expect(line).toMatchObject({ id: expect.stringMatching(/^batch_req_/), error: null, response: { status_code: 200, request_id: expect.stringMatching(/^req_/) } });
      const body = (line.response as { body: OpenAI.ChatCompletion }).body;
      expect(body.object).toBe("chat.completion");
      expect(ddx.safeParse(JSON.parse(body.choices[0]?.message.content ?? "")).success).toBe(true);
    }
    const errors = Object.fromEntries((await jsonl(c, done.error_file_id)).map((l) => [l.custom_id, l]));
    expect(errors["gen-b"]).toMatchObject({ response: { status_code: 500, body: { error: { type: "server_error" } } }, error: null });
    expect(errors["gen-d"]).toMatchObject({ response: null, error: { code: "batch_expired" } });

    const lines = fake.stats().records?.filter((r) => r.batchId === created.id);
    expect(lines?.map((r) => [r.customId, r.status, r.billed])).toEqual([
      ["gen-a", 200, true],
      ["gen-b", 500, false],
      ["gen-c", 200, true],
      ["gen-d", 0, false],
    ]);
  });

  it("fails a batch whose input has a broken line, with the line in errors", async () => {
    const c = openai();
    const file = await uploadBatch(c, [chatLine("x", "figure X"), { custom_id: "y", method: "POST", url: "/v1/embeddings", body: {} }]);
    const created = await c.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    const failed = await until(() => c.batches.retrieve(created.id), (b) => b.status !== "validating");
    expect(failed.status).toBe("failed");
    expect(failed.errors?.data).toEqual([expect.objectContaining({ code: "invalid_url", line: 2 })]);
  });

  it("cancels a running batch: cancelling, then cancelled", async () => {
    const c = openai();
    const file = await uploadBatch(c, [chatLine("p", "figure P"), chatLine("q", "figure Q")]);
    const created = await c.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    expect((await c.batches.cancel(created.id)).status).toBe("cancelling");
    const cancelled = await until(() => c.batches.retrieve(created.id), (b) => b.status !== "cancelling");
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.request_counts).toEqual({ total: 2, completed: 0, failed: 0 });
    expect(cancelled.output_file_id).toBeNull();
  });
});

describe("Anthropic message batches", () => {
  const params = (figure: string): Anthropic.MessageCreateParamsNonStreaming => ({
    model: "claude-haiku",
    max_tokens: 1000,
    messages: [{ role: "user", content: `Differential for ${figure}` }],
    tools: [{ name: "record_ddx", input_schema: ddxSchema as Anthropic.Tool.InputSchema }],
    tool_choice: { type: "tool", name: "record_ddx" },
  });

  it("runs a batch to the end; results match by custom_id with succeeded, errored and expired", async () => {
    const c = anthropic();
    fake.inject([
      { fault: "overloaded", key: "gen-2", batch: true },
      { fault: "timeout", key: "gen-3", batch: true },
    ]);
    const created = await c.messages.batches.create({
      requests: [
        { custom_id: "gen-1", params: params("figure 1") },
        { custom_id: "gen-2", params: params("figure 2") },
        { custom_id: "gen-3", params: params("figure 3") },
      ],
    });
    expect(created).toMatchObject({ type: "message_batch", processing_status: "in_progress", results_url: null });
    expect(created.request_counts.processing).toBe(3);
    await expect(c.messages.batches.results(created.id)).rejects.toThrow(/results_url/);

    const ended = await until(() => c.messages.batches.retrieve(created.id), (b) => b.processing_status === "ended");
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 1 });
    expect(ended.results_url).toBe(`${fake.url}/v1/messages/batches/${created.id}/results`);
    expect(Date.parse(ended.ended_at ?? "")).toBeGreaterThanOrEqual(Date.parse(ended.created_at));

    const results: Record<string, Anthropic.Messages.MessageBatchResult> = {};
    for await (const line of await c.messages.batches.results(created.id)) results[line.custom_id] = line.result;
    const ok = results["gen-1"];
    expect(ok?.type).toBe("succeeded");
    const block = ok?.type === "succeeded" ? ok.message.content[0] : undefined;
    expect(ddx.safeParse(block?.type === "tool_use" ? block.input : null).success).toBe(true);
    expect(ok?.type === "succeeded" && ok.message.usage.service_tier).toBe("batch");
    expect(results["gen-2"]).toMatchObject({ type: "errored", error: { type: "error", error: { type: "overloaded_error" } } });
    expect(results["gen-3"]).toEqual({ type: "expired" });
    expect(fake.stats().byKey).toEqual({
      "gen-1": { requests: 1, billed: 1 },
      "gen-2": { requests: 1, billed: 0 },
      "gen-3": { requests: 1, billed: 0 },
    });
  });

  it("cancels a batch: canceling, then ended with canceled results", async () => {
    const c = anthropic();
    const created = await c.messages.batches.create({ requests: [{ custom_id: "a", params: params("A") }, { custom_id: "b", params: params("B") }] });
    expect((await c.messages.batches.cancel(created.id)).processing_status).toBe("canceling");
    const ended = await until(() => c.messages.batches.retrieve(created.id), (b) => b.processing_status === "ended");
    expect(ended.request_counts).toMatchObject({ canceled: 2, succeeded: 0, processing: 0 });
    expect(ended.cancel_initiated_at).not.toBeNull();
    const results = [];
    for await (const line of await c.messages.batches.results(created.id)) results.push(line);
    expect(results.map((r) => r.result.type)).toEqual(["canceled", "canceled"]);
  });

  it("refuses duplicate custom_ids and reports an unknown batch as not found", async () => {
    const c = anthropic();
    await expect(
      c.messages.batches.create({ requests: [{ custom_id: "a", params: params("A") }, { custom_id: "a", params: params("B") }] }),
    ).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(c.messages.batches.retrieve("msgbatch_missing")).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });
});
