// The fake LLM provider, driven the way the product drives real providers:
// through the official SDKs with retries off.
import Anthropic, * as AnthropicErrors from "@anthropic-ai/sdk";
import { zodOutputFormat } from "@anthropic-ai/sdk/helpers/zod";
import OpenAI, * as OpenAIErrors from "openai";
import { ContentFilterFinishReasonError, LengthFinishReasonError } from "openai/error";
import { zodResponseFormat } from "openai/helpers/zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { fakeProviderControl, startFakeProvider, SYNTHETIC_MARKER, type FakeProvider, type FakeProviderOptions, type FaultKind } from "@/lib/llm/fake-provider";

const KEY = "sk-fake-test";

const mcq = z.object({
  question_stem: z.string(),
  answer_choices: z.array(z.string()).min(4).max(9),
  correct_answer: z.string(),
  discussion: z.string(),
});
const mcqJsonSchema = z.toJSONSchema(mcq) as Record<string, unknown>;

const PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

function openai(target: FakeProvider = fake, options: { timeout?: number; apiKey?: string } = {}) {
  return new OpenAI({ apiKey: options.apiKey ?? KEY, baseURL: target.openaiBaseURL, maxRetries: 0, timeout: options.timeout });
}
function anthropic(target: FakeProvider = fake, options: { timeout?: number; apiKey?: string } = {}) {
  return new Anthropic({ apiKey: options.apiKey ?? KEY, baseURL: target.anthropicBaseURL, maxRetries: 0, timeout: options.timeout });
}

async function withFake<T>(options: FakeProviderOptions, run: (f: FakeProvider) => Promise<T>): Promise<T> {
  const f = await startFakeProvider(options);
  try {
    return await run(f);
  } finally {
    await f.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the request to fail");
}

const chat = (c: OpenAI, extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}, headers: Record<string, string> = {}) =>
  c.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "Describe the figure." }], ...extra }, { headers });

const toolParams = {
  model: "claude-sonnet",
  max_tokens: 2000,
  messages: [{ role: "user" as const, content: "Write an MCQ about the figure." }],
  tools: [{ name: "record_mcq", description: "Record the MCQ", input_schema: mcqJsonSchema as Anthropic.Tool.InputSchema }],
  tool_choice: { type: "tool" as const, name: "record_mcq" },
};

describe("structured output", () => {
  it("answers an OpenAI json_schema request with JSON that fits the schema, and the SDK's parse() accepts it", async () => {
    const completion = await openai().chat.completions.parse({
      model: "gpt-4o",
      messages: [
        { role: "system", content: "You write MCQs." },
        { role: "user", content: [{ type: "text", text: "Figure 1: a chest CT." }, { type: "image_url", image_url: { url: PIXEL } }] },
      ],
      response_format: zodResponseFormat(mcq, "mcq"),
      max_completion_tokens: 2000,
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe("stop");
    expect(mcq.parse(choice?.message.parsed).question_stem).toContain(SYNTHETIC_MARKER);
    expect(choice?.message.refusal).toBeNull();
    const usage = completion.usage;
    expect(usage?.prompt_tokens).toBeGreaterThan(800); // the image alone costs 800
    expect(usage?.completion_tokens).toBe(Math.ceil((choice?.message.content ?? "").length / 4));
    expect(usage?.total_tokens).toBe((usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0));
  });

  it("gives the same answer to the same body and a different one to another", async () => {
    const format = { response_format: zodResponseFormat(mcq, "mcq") };
    const a = await chat(openai(), format);
    const b = await chat(openai(), format);
    const c = await chat(openai(), { ...format, messages: [{ role: "user", content: "Another figure." }] });
    expect(a.choices[0]?.message.content).toBe(b.choices[0]?.message.content);
    expect(a.choices[0]?.message.content).not.toBe(c.choices[0]?.message.content);
  });

  it("answers plain text when no schema is asked for", async () => {
    const completion = await chat(openai());
    expect(completion.choices[0]?.message.content).toMatch(new RegExp(`^\\${SYNTHETIC_MARKER} `));
  });

  it("answers an Anthropic forced tool with a tool_use block whose input fits input_schema", async () => {
    const message = await anthropic().messages.create({
      ...toolParams,
      system: "You write MCQs.",
      messages: [{ role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: PIXEL.split(",")[1] as string } }, { type: "text", text: "Figure 1." }] }],
    });
    expect(message.stop_reason).toBe("tool_use");
    const block = message.content[0];
    expect(block?.type).toBe("tool_use");
    expect(block?.type === "tool_use" && block.name).toBe("record_mcq");
    expect(mcq.safeParse(block?.type === "tool_use" ? block.input : null).success).toBe(true);
    expect(message.usage.input_tokens).toBeGreaterThan(800);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it("answers Anthropic output_config.format with JSON text, and the SDK's parse() accepts it", async () => {
    const message = await anthropic().messages.parse({
      model: "claude-sonnet",
      max_tokens: 2000,
      messages: [{ role: "user", content: "Write an MCQ." }],
      output_config: { format: zodOutputFormat(mcq) },
    });
    expect(message.stop_reason).toBe("end_turn");
    // zodOutputFormat moves minItems 4 into the description; the fake obeys it as a model would.
    expect(mcq.parse(message.parsed_output).answer_choices.length).toBeGreaterThanOrEqual(4);
  });

  it("cuts an answer at max_tokens with finish_reason length / stop_reason max_tokens", async () => {
    const completion = await chat(openai(), { response_format: zodResponseFormat(mcq, "mcq"), max_tokens: 10 });
    expect(completion.choices[0]?.finish_reason).toBe("length");
    expect(completion.usage?.completion_tokens).toBe(10);
    expect(() => JSON.parse(completion.choices[0]?.message.content ?? "")).toThrow();
    const message = await anthropic().messages.create({ ...toolParams, max_tokens: 10 });
    expect(message.stop_reason).toBe("max_tokens");
    expect(message.usage.output_tokens).toBeLessThanOrEqual(10);
  });
});

describe("faults", () => {
  type ErrorClass = new (...args: never[]) => Error;
  const errorCases: [FaultKind, ErrorClass, number, ErrorClass, number][] = [
    ["rate_limit", OpenAIErrors.RateLimitError, 429, AnthropicErrors.RateLimitError, 429],
    ["insufficient_quota", OpenAIErrors.RateLimitError, 429, AnthropicErrors.BadRequestError, 400],
    ["server_error", OpenAIErrors.InternalServerError, 500, AnthropicErrors.InternalServerError, 500],
    ["service_unavailable", OpenAIErrors.InternalServerError, 503, AnthropicErrors.ServiceUnavailableError, 503],
    ["overloaded", OpenAIErrors.InternalServerError, 503, AnthropicErrors.OverloadedError, 529],
    ["bad_request", OpenAIErrors.BadRequestError, 400, AnthropicErrors.BadRequestError, 400],
    ["unauthorized", OpenAIErrors.AuthenticationError, 401, AnthropicErrors.AuthenticationError, 401],
    ["forbidden", OpenAIErrors.PermissionDeniedError, 403, AnthropicErrors.PermissionDeniedError, 403],
    ["not_found", OpenAIErrors.NotFoundError, 404, AnthropicErrors.NotFoundError, 404],
    ["request_too_large", OpenAIErrors.APIError, 413, AnthropicErrors.ContentTooLargeError, 413],
  ];

  it.each(errorCases)("%s surfaces as the SDKs' error class and status", async (fault, openaiClass, openaiStatus, anthropicClass, anthropicStatus) => {
    fake.inject([{ fault, api: "openai" }, { fault, api: "anthropic" }]);
    const o = (await rejection(chat(openai()))) as OpenAIErrors.APIError;
    expect(o).toBeInstanceOf(openaiClass);
    expect(o.status).toBe(openaiStatus);
    expect(o.requestID).toMatch(/^req_/);
    const a = (await rejection(anthropic().messages.create(toolParams))) as AnthropicErrors.APIError;
    expect(a).toBeInstanceOf(anthropicClass);
    expect(a.status).toBe(anthropicStatus);
    expect(a.requestID).toMatch(/^req_/);
    expect(fake.stats().records?.map((r) => [r.status, r.fault, r.billed])).toEqual([
      [openaiStatus, fault, false],
      [anthropicStatus, fault, false],
    ]);
  });

  it("words quota and rate-limit errors as the providers do, with retry-after", async () => {
    fake.inject([{ fault: "insufficient_quota", api: "openai" }, { fault: "insufficient_quota", api: "anthropic" }, { fault: "rate_limit", retryAfterMs: 2500, count: 2 }]);
    const quota = (await rejection(chat(openai()))) as OpenAIErrors.RateLimitError;
    expect([quota.code, quota.type]).toEqual(["insufficient_quota", "insufficient_quota"]);
    const credit = (await rejection(anthropic().messages.create(toolParams))) as AnthropicErrors.BadRequestError;
    expect(credit.type).toBe("invalid_request_error");
    expect(credit.message).toContain("credit balance is too low");
    const limited = (await rejection(chat(openai()))) as OpenAIErrors.RateLimitError;
    expect(limited.code).toBe("rate_limit_exceeded");
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(limited.headers.get("retry-after-ms")).toBe("2500");
    const limitedA = (await rejection(anthropic().messages.create(toolParams))) as AnthropicErrors.RateLimitError;
    expect(limitedA.type).toBe("rate_limit_error");
    expect(limitedA.headers.get("retry-after")).toBe("3");
  });

  it("refuses: OpenAI message.refusal, Anthropic stop_reason refusal", async () => {
    fake.inject([{ fault: "refusal", count: 2 }]);
    const completion = await chat(openai(), { response_format: zodResponseFormat(mcq, "mcq") });
    expect(completion.choices[0]?.message.content).toBeNull();
    expect(completion.choices[0]?.message.refusal).toContain("can't help");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    const message = await anthropic().messages.create(toolParams);
    expect(message.stop_reason).toBe("refusal");
    expect(message.content).toEqual([]);
    expect(message.stop_details?.type).toBe("refusal");
  });

  it("content_filter, length and malformed_json break structured output the way the SDK reports", async () => {
    const format = { response_format: zodResponseFormat(mcq, "mcq") };
    fake.inject([{ fault: "content_filter" }, { fault: "length" }, { fault: "malformed_json", count: 2 }]);
    expect(await rejection(openai().chat.completions.parse({ model: "gpt-4o", messages: [{ role: "user", content: "x" }], ...format }))).toBeInstanceOf(
      ContentFilterFinishReasonError,
    );
    expect(await rejection(openai().chat.completions.parse({ model: "gpt-4o", messages: [{ role: "user", content: "x" }], ...format }))).toBeInstanceOf(
      LengthFinishReasonError,
    );
    const malformed = await chat(openai(), format);
    expect(malformed.choices[0]?.finish_reason).toBe("stop");
    expect(() => JSON.parse(malformed.choices[0]?.message.content ?? "")).toThrow(SyntaxError);
    const tool = await anthropic().messages.create(toolParams);
    const block = tool.content[0];
    expect(tool.stop_reason).toBe("tool_use");
    expect(mcq.safeParse(block?.type === "tool_use" ? block.input : null).success).toBe(false);
  });

  it("times out: the fake hangs until the client gives up, and bills nothing", async () => {
    fake.inject({ fault: "timeout", count: 2 });
    expect(await rejection(chat(openai(fake, { timeout: 200 })))).toBeInstanceOf(OpenAIErrors.APIConnectionTimeoutError);
    expect(await rejection(anthropic(fake, { timeout: 200 }).messages.create(toolParams))).toBeInstanceOf(AnthropicErrors.APIConnectionTimeoutError);
    await expect.poll(() => fake.stats().records?.length).toBe(2);
    expect(fake.stats().records?.map((r) => [r.status, r.fault, r.billed, r.delivered])).toEqual([
      [0, "timeout", false, false],
      [0, "timeout", false, false],
    ]);
  });

  it("scripted faults hit only the requests they match, in order, count times", async () => {
    fake.inject([
      { fault: "server_error", bodyContains: "figure 7" },
      { fault: "not_found", model: "gpt-missing" },
      { fault: "overloaded", key: "gen:42", count: 2 },
    ]);
    const c = openai();
    await chat(c); // matches nothing
    expect(await rejection(chat(c, { model: "gpt-missing" }))).toBeInstanceOf(OpenAIErrors.NotFoundError);
    expect(await rejection(chat(c, { messages: [{ role: "user", content: "About figure 7." }] }))).toBeInstanceOf(OpenAIErrors.InternalServerError);
    await chat(c, { messages: [{ role: "user", content: "About figure 7." }] }); // used up
    expect(await rejection(chat(c, {}, { "x-client-request-id": "gen:42" }))).toBeInstanceOf(OpenAIErrors.InternalServerError);
    expect(fake.faults().rules).toEqual([expect.objectContaining({ fault: "overloaded", count: 1 })]);
  });

  it("draws random faults from a seeded stream, the same for the same seed", async () => {
    const run = async () => {
      fake.reset();
      fake.setFaultRates({ server_error: 0.3, refusal: 0.2 }, 7);
      const c = openai();
      const outcomes: string[] = [];
      for (let i = 0; i < 30; i++) {
        const got = await chat(c).then(
          (r) => r.choices[0]?.message.refusal ? "refusal" : "ok",
          (e: OpenAIErrors.APIError) => String(e.status),
        );
        outcomes.push(got);
      }
      return outcomes;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(["ok", "500", "refusal"]));
  });

  it("applies a scripted error fault to a management route when the rule names it", async () => {
    fake.inject({ fault: "service_unavailable", route: "/v1/batches" });
    expect(await rejection(openai().batches.retrieve("batch_nope"))).toBeInstanceOf(OpenAIErrors.InternalServerError);
    expect(await rejection(openai().batches.retrieve("batch_nope"))).toBeInstanceOf(OpenAIErrors.NotFoundError);
  });
});

describe("API key, request validation", () => {
  it("answers 401 in each provider's format for a wrong or missing key", async () => {
    const wrong = (await rejection(chat(openai(fake, { apiKey: "sk-wrong" })))) as OpenAIErrors.AuthenticationError;
    expect([wrong.status, wrong.code]).toEqual([401, "invalid_api_key"]);
    const wrongA = (await rejection(anthropic(fake, { apiKey: "sk-wrong" }).messages.create(toolParams))) as AnthropicErrors.AuthenticationError;
    expect([wrongA.status, wrongA.type]).toEqual([401, "authentication_error"]);
    const missing = await fetch(`${fake.url}/v1/messages`, { method: "POST", headers: { "anthropic-version": "2023-06-01" }, body: "{}" });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ type: "error", error: { type: "authentication_error", message: "x-api-key header is required" } });
  });

  it("answers 400 invalid_request_error for a body that breaks the API's schema", async () => {
    const bad = (await rejection(
      openai().chat.completions.create({ model: "gpt-4o", messages: [] } as OpenAI.ChatCompletionCreateParamsNonStreaming),
    )) as OpenAIErrors.BadRequestError;
    expect([bad.status, bad.type, bad.param]).toEqual([400, "invalid_request_error", "messages"]);
    const badA = (await rejection(anthropic().messages.create({ ...toolParams, tool_choice: { type: "tool", name: "nope" } }))) as AnthropicErrors.BadRequestError;
    expect(badA.message).toContain("tool 'nope'");
  });

  it("answers 413 for a body over the size limit", async () => {
    await withFake({ maxBodyBytes: 1000 }, async (f) => {
      const e = (await rejection(chat(openai(f), { messages: [{ role: "user", content: "x".repeat(2000) }] }))) as OpenAIErrors.APIError;
      expect(e.status).toBe(413);
    });
  });
});

describe("rate limits", () => {
  it("holds an RPM limit: a burst beyond it gets 429s with the provider's headers", async () => {
    await withFake({ limits: { requestsPerMinute: 20 } }, async (f) => {
      const c = openai(f);
      const results = await Promise.allSettled(Array.from({ length: 25 }, () => chat(c).withResponse()));
      const ok = results.filter((r) => r.status === "fulfilled");
      const limited = results.flatMap((r) => (r.status === "rejected" ? [r.reason as OpenAIErrors.RateLimitError] : []));
      expect(ok).toHaveLength(20);
      expect(limited).toHaveLength(5);
      const e = limited[0] as OpenAIErrors.RateLimitError;
      expect(e).toBeInstanceOf(OpenAIErrors.RateLimitError);
      expect([e.type, e.code]).toEqual(["requests", "rate_limit_exceeded"]);
      expect(e.message).toContain("Limit 20");
      expect(Number(e.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(e.headers.get("retry-after-ms"))).toBeGreaterThan(0);
      expect(e.headers.get("x-ratelimit-limit-requests")).toBe("20");
      expect(e.headers.get("x-ratelimit-remaining-requests")).toBe("0");
      expect(e.headers.get("x-ratelimit-reset-requests")).toMatch(/^\d+(\.\d+)?s$|^\d+m\d+(\.\d+)?s$/);
      // Successful answers carry the headers too.
      const first = ok[0] as PromiseFulfilledResult<{ response: Response }>;
      expect(first.value.response.headers.get("x-ratelimit-limit-requests")).toBe("20");
      expect(f.stats().totals.byStatus).toEqual({ 200: 20, 429: 5 });
    });
  });

  it("refills continuously: one request back every 60/RPM seconds", async () => {
    await withFake({ limits: { requestsPerMinute: 60 } }, async (f) => {
      const c = anthropic(f);
      await Promise.allSettled(Array.from({ length: 60 }, () => c.messages.create(toolParams)));
      const e = (await rejection(c.messages.create(toolParams))) as AnthropicErrors.RateLimitError;
      expect(e.headers.get("anthropic-ratelimit-requests-remaining")).toBe("0");
      expect(Date.parse(e.headers.get("anthropic-ratelimit-requests-reset") ?? "")).toBeGreaterThan(Date.now());
      await new Promise((r) => setTimeout(r, 1100)); // 60/min = one back each second
      const { response } = await c.messages.create(toolParams).withResponse();
      expect(response.headers.get("anthropic-ratelimit-requests-limit")).toBe("60");
    });
  });

  it("holds a TPM limit: admission charges input + max_tokens, then refunds to the actual use", async () => {
    await withFake({ limits: { tokensPerMinute: 1000 }, latencyMs: 100 }, async (f) => {
      const c = openai(f);
      // ~6 input tokens + 400 max_tokens each: two fit in 1000, the third does not while they run.
      const burst = await Promise.allSettled([chat(c, { max_tokens: 400 }), chat(c, { max_tokens: 400 }), chat(c, { max_tokens: 400 })]);
      const limited = burst.flatMap((r) => (r.status === "rejected" ? [r.reason as OpenAIErrors.RateLimitError] : []));
      expect(limited).toHaveLength(1);
      expect(limited[0]?.type).toBe("tokens");
      expect(limited[0]?.headers.get("x-ratelimit-limit-tokens")).toBe("1000");
      // After the answers the unused allowance is back: a lone request now fits.
      const { data, response } = await chat(c, { max_tokens: 400 }).withResponse();
      const remaining = Number(response.headers.get("x-ratelimit-remaining-tokens"));
      const used = (data.usage?.total_tokens ?? 0) * 3;
      expect(remaining).toBeGreaterThanOrEqual(1000 - used - 5);
    });
  });

  it("sends Anthropic's input/output token headers for ITPM/OTPM limits", async () => {
    await withFake({ limits: { inputTokensPerMinute: 5000, outputTokensPerMinute: 2000, tokensPerMinute: 9000 } }, async (f) => {
      const { response } = await anthropic(f).messages.create({ ...toolParams, max_tokens: 1500 }).withResponse();
      for (const name of ["input-tokens", "output-tokens", "tokens"]) {
        expect(response.headers.get(`anthropic-ratelimit-${name}-limit`)).not.toBeNull();
        expect(response.headers.get(`anthropic-ratelimit-${name}-reset`)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      }
      const e = (await rejection(anthropic(f).messages.create({ ...toolParams, max_tokens: 1999 }))) as AnthropicErrors.RateLimitError;
      expect(e.message).toContain("2000 output tokens per minute");
    });
  });
});

describe("latency", () => {
  it("applies before answering, and concurrent requests overlap", async () => {
    await withFake({ latencyMs: 300 }, async (f) => {
      const c = openai(f);
      const t0 = Date.now();
      await chat(c);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(295);
      const t1 = Date.now();
      await Promise.all(Array.from({ length: 6 }, () => chat(c)));
      // In series 6 × 300 ms; the margin is for a loaded 2-core machine.
      expect(Date.now() - t1).toBeLessThan(3 * 300);
    });
  });

  it("bills an answer the client stopped waiting for, and marks it undelivered", async () => {
    await withFake({ latencyMs: 300 }, async (f) => {
      expect(await rejection(chat(openai(f, { timeout: 100 }), {}, { "x-client-request-id": "gen:1" }))).toBeInstanceOf(OpenAIErrors.APIConnectionTimeoutError);
      await chat(openai(f), {}, { "x-client-request-id": "gen:1" });
      await expect.poll(() => f.stats().records?.length).toBe(2);
      const stats = f.stats();
      expect(stats.records?.map((r) => [r.billed, r.delivered])).toEqual([
        [true, false],
        [true, true],
      ]);
      expect(stats.byKey["gen:1"]).toEqual({ requests: 2, billed: 2 });
      expect(stats.billedMoreThanOnce).toEqual(["gen:1"]);
    });
  });
});

describe("control routes over HTTP", () => {
  it("injects faults, reads stats and resets a fake from outside", async () => {
    const control = fakeProviderControl(fake.url);
    await control.inject({ fault: "overloaded", api: "anthropic" });
    expect((await control.faults()).rules).toHaveLength(1);
    expect(await rejection(anthropic().messages.create(toolParams))).toBeInstanceOf(AnthropicErrors.OverloadedError);
    await anthropic().messages.create(toolParams, { headers: { "x-client-request-id": "k-1" } });
    const stats = await control.stats();
    expect(stats.totals).toMatchObject({ requests: 2, billed: 1, byStatus: { 200: 1, 529: 1 }, byFault: { overloaded: 1 } });
    expect(stats.byKey).toEqual({ "k-1": { requests: 1, billed: 1 } });
    expect(stats.records?.[1]).toMatchObject({ api: "anthropic", route: "/v1/messages", model: "claude-sonnet", clientRequestId: "k-1", status: 200 });
    expect((await control.stats({ records: false })).records).toBeUndefined();

    await control.setFaultRates({ server_error: 1 }, 3);
    expect(await rejection(chat(openai()))).toBeInstanceOf(OpenAIErrors.InternalServerError);
    await control.clearFaults();
    await chat(openai());
    await control.reset();
    expect((await control.stats()).totals.requests).toBe(0);
    const bad = await fetch(`${fake.url}/_fake/faults`, { method: "POST", body: JSON.stringify({ rules: [{ fault: "nope" }] }) });
    expect(bad.status).toBe(400);
  });
});
