// One request and its answer: reads the body within the size limit, sends
// JSON or bytes with the provider's request-id header, and records the
// exchange exactly once, whatever way it ends.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import type { Dialect, ErrorDetail, WireError } from "./dialect";
import type { ErrorFault, FaultKind } from "./faults";
import { newId } from "./random";
import type { Recorder } from "./recorder";

class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** zod's first issue, in the provider's words; the same text for a direct request and a batch line. */
export function invalid(dialect: Dialect, error: z.ZodError, requestId: string): WireError {
  const issue = error.issues[0];
  const path = issue?.path.join(".") || "body";
  const message = dialect.api === "openai" ? `Invalid '${path}': ${issue?.message}` : `${path}: ${issue?.message}`;
  return dialect.error("bad_request", { message, param: path, requestId });
}

export class Exchange {
  readonly requestId = newId("req_");
  readonly started = Date.now();
  readonly clientRequestId: string | null;
  model: string | null = null;
  fault: FaultKind | null = null;
  inputTokens = 0;
  outputTokens = 0;
  /** Set by a model call that produced an answer: a 200 then counts as billed. */
  billable = false;
  private recorded = false;
  private clientGone = false;

  constructor(
    readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    readonly dialect: Dialect,
    readonly path: string,
    private readonly recorder: Recorder,
    private readonly maxBodyBytes: number,
  ) {
    const header = req.headers["x-client-request-id"];
    this.clientRequestId = typeof header === "string" ? header : null;
    res.on("close", () => {
      this.clientGone = !res.writableFinished;
    });
  }

  /** Where this server is reachable, as the client addressed it (for Anthropic's results_url). */
  get origin(): string {
    return `http://${this.req.headers.host ?? "127.0.0.1"}`;
  }

  async body(): Promise<Buffer | null> {
    try {
      return await readBody(this.req, this.maxBodyBytes);
    } catch (e) {
      if (!(e instanceof BodyTooLarge)) throw e;
      this.fail("request_too_large", {}, { connection: "close" });
      return null;
    }
  }

  /** The body parsed as JSON, and its text; null once an error has been sent. */
  async jsonValue(): Promise<{ value: unknown; text: string } | null> {
    const raw = await this.body();
    if (raw === null) return null;
    const text = raw.toString("utf8");
    try {
      return { value: JSON.parse(text), text };
    } catch {
      this.fail("bad_request", { message: "We could not parse the JSON body of your request." });
      return null;
    }
  }

  /** The body parsed as JSON and checked with `schema`; null once an error has been sent. */
  async json<S extends z.ZodType>(schema: S): Promise<z.output<S> | null> {
    const got = await this.jsonValue();
    if (got === null) return null;
    const parsed = schema.safeParse(got.value);
    if (!parsed.success) {
      this.sendError(invalid(this.dialect, parsed.error, this.requestId));
      return null;
    }
    return parsed.data;
  }

  send(status: number, body: Buffer | string, contentType: string, headers: Record<string, string> = {}): void {
    this.record(status);
    if (this.res.destroyed) return;
    this.res.writeHead(status, { "content-type": contentType, [this.dialect.requestIdHeader]: this.requestId, ...headers });
    this.res.end(body);
  }

  sendJson(status: number, value: unknown, headers?: Record<string, string>): void {
    this.send(status, JSON.stringify(value), "application/json", headers);
  }

  sendError(wire: WireError, headers?: Record<string, string>): void {
    this.sendJson(wire.status, wire.body, headers);
  }

  fail(kind: ErrorFault, detail: Partial<ErrorDetail> = {}, headers?: Record<string, string>): void {
    this.sendError(this.dialect.error(kind, { model: this.model, requestId: this.requestId, ...detail }), headers);
  }

  /** The timeout fault: answer nothing; record once the client gives up. */
  hang(): void {
    if (this.res.destroyed) this.record(0);
    else this.res.on("close", () => this.record(0));
  }

  private record(status: number): void {
    if (this.recorded) return;
    this.recorded = true;
    this.recorder.add({
      at: new Date().toISOString(),
      api: this.dialect.api,
      method: this.req.method ?? "GET",
      route: this.path,
      model: this.model,
      clientRequestId: this.clientRequestId,
      batchId: null,
      customId: null,
      status,
      fault: this.fault,
      inputTokens: this.inputTokens,
      outputTokens: status === 200 ? this.outputTokens : 0,
      billed: this.billable && status === 200,
      delivered: status !== 0 && !this.clientGone && !this.res.destroyed,
      durationMs: Date.now() - this.started,
    });
  }
}
