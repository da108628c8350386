// OpenAI's Batch API for /v1/chat/completions: a JSONL input file, a batch
// object that goes validating → in_progress → completed (or failed;
// cancelling → cancelled), and output / error files whose lines are
// {id, custom_id, response: {status_code, request_id, body}, error} as
// platform.openai.com/docs/guides/batch documents them. Successful lines go
// to the output file, failed ones (non-200, expired) to the error file,
// each in a seeded shuffled order: the real API does not keep input order.
// A cancelled batch gets files for the lines finished before the cancel.
import { z } from "zod";
import { BatchRun, type BatchPhase } from "./batches";
import { isSuccess, runBatchLine, type LineOutcome } from "./batch-lines";
import type { Route, ServerContext } from "./context";
import type { Exchange } from "./exchange";
import { openaiDialect } from "./openai-wire";
import { prepareChat } from "./openai-routes";
import { newId, seedFrom, seededRng, shuffled } from "./random";

const ENDPOINT = "/v1/chat/completions";

const createSchema = z.object({
  input_file_id: z.string().min(1),
  endpoint: z.literal(ENDPOINT, `the fake provider runs batches for ${ENDPOINT} only`),
  completion_window: z.literal("24h"),
  metadata: z.record(z.string(), z.string()).nullable().optional(),
});

const lineSchema = z.object({
  custom_id: z.string().min(1),
  method: z.literal("POST"),
  url: z.string(),
  body: z.record(z.string(), z.unknown()),
});
type InputLine = z.infer<typeof lineSchema> & { text: string };

interface BatchError {
  code: string;
  line: number;
  message: string;
  param: string | null;
}

interface LineResult {
  customId: string;
  outcome: LineOutcome;
}

export interface OpenAIBatch {
  id: string;
  inputFileId: string;
  metadata: Record<string, string> | null;
  model: string | null;
  lineCount: number;
  errors: BatchError[];
  run: BatchRun<LineResult>;
  outputFileId: string | null;
  errorFileId: string | null;
}

const statusOf: Record<BatchPhase, string> = {
  validating: "validating",
  in_progress: "in_progress",
  cancelling: "cancelling",
  cancelled: "cancelled",
  failed: "failed",
  ended: "completed",
};

/** Checks every line as OpenAI does while validating; any error fails the whole batch. */
function parseInput(content: string): { lines: InputLine[]; errors: BatchError[] } {
  const lines: InputLine[] = [];
  const errors: BatchError[] = [];
  const seen = new Set<string>();
  content.split("\n").forEach((text, i) => {
    if (text.trim() === "") return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      errors.push({ code: "invalid_json_line", line, message: "This line is not parseable as valid JSON.", param: null });
      return;
    }
    const parsed = lineSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ code: "invalid_request", line, message: issue?.message ?? "invalid line", param: issue?.path.join(".") ?? null });
    } else if (parsed.data.url !== ENDPOINT) {
      errors.push({ code: "invalid_url", line, message: "The URL provided for this request does not match the batch endpoint.", param: "url" });
    } else if (seen.has(parsed.data.custom_id)) {
      errors.push({ code: "duplicate_custom_id", line, message: "The custom_id for this request is a duplicate of another request.", param: "custom_id" });
    } else {
      seen.add(parsed.data.custom_id);
      lines.push({ ...parsed.data, text });
    }
  });
  if (lines.length === 0 && errors.length === 0) errors.push({ code: "empty_file", line: 0, message: "The input file has no requests.", param: null });
  return { lines, errors };
}

function outputLine(r: LineResult): string {
  const id = newId("batch_req_");
  if (r.outcome.kind === "expired") {
    const error = { code: "batch_expired", message: "This request could not be executed before the completion window expired." };
    return JSON.stringify({ id, custom_id: r.customId, response: null, error });
  }
  const response = { status_code: r.outcome.status, request_id: r.outcome.requestId, body: r.outcome.body };
  return JSON.stringify({ id, custom_id: r.customId, response, error: null });
}

/** Once a batch has stopped, its output and error files (each only if it has lines). */
function writeFiles(ctx: ServerContext, batch: OpenAIBatch): void {
  if (batch.outputFileId !== null || batch.errorFileId !== null) return;
  const results = shuffled(seededRng(seedFrom(batch.id)), batch.run.finished());
  const write = (rows: LineResult[], suffix: string) =>
    rows.length === 0 ? null : ctx.files.add(Buffer.from(rows.map(outputLine).join("\n") + "\n"), `${batch.id}_${suffix}.jsonl`, "batch_output").id;
  batch.outputFileId = write(results.filter((r) => isSuccess(r.outcome)), "output");
  batch.errorFileId = write(results.filter((r) => !isSuccess(r.outcome)), "error");
}

function view(ctx: ServerContext, batch: OpenAIBatch) {
  const { run } = batch;
  const now = Date.now();
  const phase = run.phase(now);
  if (phase === "ended" || phase === "cancelled") writeFiles(ctx, batch);
  const done = run.finished().map((r) => r.outcome);
  const succeeded = done.filter(isSuccess);
  const input = succeeded.reduce((n, o) => n + o.inputTokens, 0);
  const output = succeeded.reduce((n, o) => n + o.outputTokens, 0);
  const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));
  const endedAt = sec(run.endedAt(now));
  const created = Math.floor(run.createdAt / 1000);
  return {
    id: batch.id,
    object: "batch",
    endpoint: ENDPOINT,
    errors: phase === "failed" ? { object: "list", data: batch.errors } : null,
    input_file_id: batch.inputFileId,
    completion_window: "24h",
    status: statusOf[phase],
    output_file_id: batch.outputFileId,
    error_file_id: batch.errorFileId,
    created_at: created,
    in_progress_at: phase === "validating" || phase === "failed" ? null : sec(run.inProgressAt),
    expires_at: created + 86_400,
    finalizing_at: phase === "ended" ? endedAt : null,
    completed_at: phase === "ended" ? endedAt : null,
    failed_at: phase === "failed" ? endedAt : null,
    expired_at: null,
    cancelling_at: sec(run.cancelInitiatedAt),
    cancelled_at: phase === "cancelled" ? endedAt : null,
    request_counts: { total: batch.lineCount, completed: succeeded.length, failed: done.length - succeeded.length },
    metadata: batch.metadata,
    model: batch.model,
    usage: {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: output,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: input + output,
    },
  };
}

async function create(ctx: ServerContext, ex: Exchange): Promise<void> {
  const body = await ex.json(createSchema);
  if (body === null) return;
  const file = ctx.files.get(body.input_file_id);
  if (!file) return ex.fail("bad_request", { message: `Invalid 'input_file_id': '${body.input_file_id}'. No such file.`, param: "input_file_id" });
  if (file.meta.purpose !== "batch") {
    return ex.fail("bad_request", { message: "The input file must have been uploaded with purpose 'batch'.", param: "input_file_id" });
  }
  const { lines, errors } = parseInput(file.content.toString("utf8"));
  const id = newId("batch_");
  const failed = errors.length > 0;
  const run = new BatchRun<LineResult>(
    failed ? 0 : lines.length,
    ctx.options.batch,
    (i) => {
      const line = lines[i] as InputLine;
      const outcome = runBatchLine(ctx, openaiDialect, {
        batchId: id,
        customId: line.custom_id,
        path: ENDPOINT,
        text: line.text,
        prepare: (requestId) => prepareChat(ctx, line.body, JSON.stringify(line.body), requestId),
      });
      return { customId: line.custom_id, outcome };
    },
    failed,
  );
  const firstModel = lines[0]?.body.model;
  const batch: OpenAIBatch = {
    id,
    inputFileId: body.input_file_id,
    metadata: body.metadata ?? null,
    model: typeof firstModel === "string" ? firstModel : null,
    lineCount: failed ? 0 : lines.length,
    errors,
    run,
    outputFileId: null,
    errorFileId: null,
  };
  ctx.openaiBatches.set(id, batch);
  ex.sendJson(200, view(ctx, batch));
}

function found(ctx: ServerContext, ex: Exchange, id: string): OpenAIBatch | undefined {
  const batch = ctx.openaiBatches.get(id);
  if (!batch) ex.fail("not_found", { message: `No batch found with id '${id}'.`, param: "batch_id" });
  return batch;
}

export const openaiBatchRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/batches$/, dialect: openaiDialect, handle: create },
  {
    // Newest first, one page (enough for a client looking for its own batch by metadata).
    method: "GET",
    pattern: /^\/v1\/batches$/,
    dialect: openaiDialect,
    async handle(ctx, ex) {
      const data = [...ctx.openaiBatches.values()].reverse().map((b) => view(ctx, b));
      ex.sendJson(200, { object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/batches\/([^/]+)$/,
    dialect: openaiDialect,
    async handle(ctx, ex, [id]) {
      const batch = found(ctx, ex, id as string);
      if (batch) ex.sendJson(200, view(ctx, batch));
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/batches\/([^/]+)\/cancel$/,
    dialect: openaiDialect,
    async handle(ctx, ex, [id]) {
      const batch = found(ctx, ex, id as string);
      if (!batch) return;
      batch.run.cancel();
      ex.sendJson(200, view(ctx, batch));
    },
  },
];
