// One JSON Schema per task that both providers accept unchanged: OpenAI's
// `response_format: { type: "json_schema", json_schema: { name, strict: true,
// schema } }` and an Anthropic forced tool's `input_schema`.
//
// zod's own output is close but not portable: it carries `$schema`, and
// bounds (minItems, maxLength, minimum…) that OpenAI's strict mode accepts
// only in part and Anthropic's strict tools barely at all. So we keep the
// common subset (type, properties, required, additionalProperties: false,
// items, enum, description), fold every bound into the description where the
// model still reads it, and let zod enforce the bounds after parsing. Any
// other keyword is refused loudly, so a schema change that strict mode would
// reject fails in tests rather than at the provider.
import { z } from "zod";

// A type alias rather than an interface so that it is assignable to the
// SDKs' `Record<string, unknown>` parameters without a cast.
export type StrictJsonSchema = {
  type: "object" | "array" | "string" | "integer" | "number" | "boolean";
  description?: string;
  properties?: Record<string, StrictJsonSchema>;
  required?: string[];
  additionalProperties?: false;
  items?: StrictJsonSchema;
  enum?: Array<string | number>;
};

type Node = Record<string, unknown>;

const KEPT = new Set(["type", "description", "properties", "required", "additionalProperties", "items", "enum"]);
const FOLDED = new Set(["minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum"]);
const TYPES = new Set<unknown>(["object", "array", "string", "integer", "number", "boolean"]);

/** The strict, provider-portable JSON Schema of a zod object schema. */
export function toStrictJsonSchema(schema: z.ZodType): StrictJsonSchema {
  const root = { ...z.toJSONSchema(schema) } as Node;
  delete root.$schema; // names the dialect, constrains nothing
  const strict = convert(root, "<root>");
  if (strict.type !== "object") throw new Error("the root of a strict schema must be an object");
  return strict;
}

function convert(node: Node, path: string): StrictJsonSchema {
  for (const key of Object.keys(node)) {
    if (!KEPT.has(key) && !FOLDED.has(key)) {
      throw new Error(`${path}: "${key}" is not portable to strict structured output; express it in zod and check it after parsing`);
    }
  }
  // A list of types (a zod union of primitives) is a union all the same.
  if (!TYPES.has(node.type)) throw new Error(`${path}: type ${JSON.stringify(node.type)} is not portable; use one type per field`);
  const type = node.type as StrictJsonSchema["type"];
  const description = [node.description, boundsText(node)].filter((s): s is string => typeof s === "string" && s !== "").join(" ");
  const out: StrictJsonSchema = { type, ...(description ? { description } : {}) };
  if (Array.isArray(node.enum)) out.enum = node.enum as Array<string | number>;
  if (type === "object") {
    const properties = (node.properties ?? {}) as Record<string, Node>;
    const keys = Object.keys(properties);
    const required = (node.required ?? []) as string[];
    const optional = keys.filter((k) => !required.includes(k));
    // Strict mode requires every property; making an optional one required
    // would silently change its meaning, so refuse instead.
    if (optional.length > 0) throw new Error(`${path}: optional properties (${optional.join(", ")}) are not allowed; strict mode requires every property`);
    out.properties = Object.fromEntries(keys.map((k) => [k, convert(properties[k]!, `${path}.${k}`)]));
    out.required = keys;
    out.additionalProperties = false;
  } else if (type === "array") {
    if (typeof node.items !== "object" || node.items === null) throw new Error(`${path}: an array needs a single items schema`);
    out.items = convert(node.items as Node, `${path}[]`);
  }
  return out;
}

/** Human-readable bounds, e.g. "(4 to 9 items)". */
function boundsText(node: Node): string {
  const range = (min: unknown, max: unknown, unit: string) => {
    // zod writes the safe-integer limits for `.int()`; they say nothing to a reader.
    const lo = typeof min === "number" && min > Number.MIN_SAFE_INTEGER ? min : undefined;
    const hi = typeof max === "number" && max < Number.MAX_SAFE_INTEGER ? max : undefined;
    if (lo !== undefined && hi !== undefined) return `${lo} to ${hi}${unit}`;
    if (lo !== undefined) return `at least ${lo}${unit}`;
    if (hi !== undefined) return `at most ${hi}${unit}`;
    return undefined;
  };
  const parts = [
    range(node.minItems, node.maxItems, " items"),
    // A minimum length of 1 only means "non-empty", which the description already implies.
    range(node.minLength === 1 ? undefined : node.minLength, node.maxLength, " characters"),
    range(node.minimum, node.maximum, ""),
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? `(${parts.join("; ")})` : "";
}
