import "server-only";
// Everything a request needs before it is sent: the image derivative, the
// prompt with its seeded few-shot draw, the structured-output schema, and the
// token estimate each of the provider's buckets is charged up front.
import type { Figure, GenerationRequest, PromptVersion, Provider } from "@/lib/db/client";
import type { Bucket } from "@/lib/llm/token-bucket";
import type { CallSpec } from "@/lib/llm/types";
import { imageTokens, llmImage } from "./llm-image";
import { buildRequest, tasks, type FewShot } from "./tasks";
import { requestParams } from "./request-params";

export type PreparedCall = { spec: CallSpec; buckets: Bucket[]; inputEstimate: number };

type Req = GenerationRequest & { figure: Figure; promptVersion: PromptVersion; provider: Provider };

export async function prepareCall(req: Req): Promise<PreparedCall> {
  if (!req.figure.imageHash) throw new Error(`${req.figure.customId} has no image (caption-only); it cannot be sent.`);
  const image = await llmImage(req.figure.imageHash);
  const params = requestParams.parse(req.params);
  const built = buildRequest({
    task: req.task,
    systemPrompt: req.promptVersion.systemPrompt,
    fewShots: req.promptVersion.fewShots as unknown as FewShot[],
    k: req.promptVersion.fewShotK,
    seed: req.seed,
    figure: { figLabel: req.figure.figLabel, caption: req.figure.caption, mentions: req.figure.mentions },
    image: { mediaType: image.mediaType, base64: image.base64 },
  });
  const task = tasks[req.task];
  const spec: CallSpec = {
    request: built,
    output: { name: task.toolName, description: task.description, schema: task.jsonSchema() as unknown as Record<string, unknown> },
    maxTokens: params.maxTokens,
    temperature: params.temperature,
    requestKey: req.key,
  };
  const textChars = built.system.length + built.messages.flatMap((m) => m.content).reduce((n, c) => n + (c.type === "text" ? c.text.length : 0), 0);
  const inputEstimate = Math.ceil(textChars / 4) + imageTokens(req.provider.kind, image.width, image.height);
  return { spec, buckets: bucketsFor(req.provider, inputEstimate, params.maxTokens), inputEstimate };
}

/** The provider's token limits, each charged its share of the estimate. */
export function bucketsFor(p: Provider, input: number, maxOutput: number): Bucket[] {
  const b: Bucket[] = [];
  if (p.tokensPerMinute) b.push({ name: "tokens", perMinute: p.tokensPerMinute, cost: input + maxOutput });
  if (p.inputTokensPerMinute) b.push({ name: "input", perMinute: p.inputTokensPerMinute, cost: input });
  if (p.outputTokensPerMinute) b.push({ name: "output", perMinute: p.outputTokensPerMinute, cost: maxOutput });
  return b;
}
