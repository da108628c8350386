// Identifiers the parsers derive themselves. Generated custom ids end up as
// batch-API request keys, and Anthropic's batch API accepts only
// [A-Za-z0-9_-]{1,64}; so derived ids keep to that alphabet and length.
import { createHash } from "node:crypto";

const maxIdLength = 64;

export function safeId(parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter((part) => part.length > 0)
    .join("_");
  const id = joined.length > 0 ? joined : "figure";
  if (id.length <= maxIdLength) return id;
  // Keep a readable prefix and make the rest unique with a hash of the whole id.
  const hash = createHash("sha1").update(parts.join("\u0000")).digest("hex").slice(0, 16);
  return `${id.slice(0, maxIdLength - hash.length - 1)}-${hash}`;
}

/** "4412345", "PMC4412345", " pmc4412345 " → "PMC4412345"; anything else → null. */
export function normalizePmcid(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const match = /^(?:PMC)?(\d+)$/i.exec(String(value).trim());
  return match ? `PMC${match[1]}` : null;
}
