// Seeds for every random choice in generation (few-shot draw, option order,
// DDx phrasing) come from stable strings such as a request key or sample id,
// so re-running a job reproduces the same sample bit for bit.
import { createHash } from "node:crypto";

/** A 32-bit seed from a string: the first 4 bytes of its SHA-256, big-endian. */
export function seedFrom(key: string): number {
  return createHash("sha256").update(key, "utf8").digest().readUInt32BE(0);
}
