// Deterministic randomness: the same request body always gets the same
// answer, and a seeded fault/jitter stream replays the same run for a
// benchmark. Ids are not part of that promise and use crypto randomness.
import { createHash, randomBytes } from "node:crypto";
import { createRng, shuffle, type Rng } from "@/lib/labels/math/random";

export { createRng as seededRng, type Rng };

/** A 32-bit seed from any text (a request body). */
export function seedFrom(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32LE(0);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** An integer in [lo, hi], both inclusive. */
export function intBetween(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** Provider-looking ids: `chatcmpl-…`, `msg_…`, `batch_…`, `req_…`. */
export function newId(prefix: string, length = 24): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(length);
  let id = "";
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return prefix + id;
}

/** A shuffled copy, seeded: batch results come back out of input order, as the real APIs allow. */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  return shuffle([...items], rng);
}
