// The exactly-once key of a generation request: a hash of everything that
// determines what is asked (task, figure, prompt version, model, parameters,
// image hash, sample index). It is unique in Postgres, the BullMQ job id, and
// the batch custom_id; 64 hex characters fit Anthropic's custom_id limit.
import { createHash } from "node:crypto";

export type KeyParts = {
  task: string;
  figureId: number;
  promptVersionId: number;
  model: string;
  params: Record<string, unknown>;
  imageHash: string;
  sampleIndex: number;
};

export function requestKey(p: KeyParts): string {
  const params = Object.fromEntries(Object.entries(p.params).sort(([a], [b]) => a.localeCompare(b)));
  const canonical = JSON.stringify([p.task, p.figureId, p.promptVersionId, p.model, params, p.imageHash, p.sampleIndex]);
  return createHash("sha256").update(canonical).digest("hex");
}
