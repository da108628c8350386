// JSON Schema → an instance that validates against it, deterministic for a
// seed. Covers what structured-output schemas use (OpenAI strict mode,
// Anthropic tools, zod's toJSONSchema): objects, arrays with min/maxItems,
// strings with min/maxLength and common formats, bounded numbers, enum,
// const, anyOf/oneOf/allOf, nullable type lists and local $refs. `pattern`
// is not honoured: no general way to satisfy a regex exists. Constraints
// moved into the description are obeyed, as a model reading it would:
// Anthropic's zodOutputFormat writes "{minItems: 4, maxItems: 9}", our
// strict task schemas (lib/generation/tasks/json-schema.ts) end with
// "(4 to 9 items)", "(at least 5 items)", "(at most 600 characters)",
// "(0 to 8)". Real keywords win over described ones.
//
// Heuristic: an integer property named `…_index` (MCQ `correct_option_index`)
// is kept inside the length of a sibling array (`options`), since a real model
// reads "position of the correct option in options" and does so.
import { intBetween, pick, seededRng, type Rng } from "./random";
import { syntheticString } from "./synthetic-text";

export type JsonSchema = boolean | { [key: string]: unknown };
type SchemaObject = { [key: string]: unknown };

/** From this depth on, instances stop growing: optional parts are left out, arrays take their minimum. */
const MAX_DEPTH = 8;

export function instanceFor(schema: JsonSchema, seed: number): unknown {
  return new Generator(schema, seededRng(seed)).generate(schema, "value", 0);
}

function isObject(v: unknown): v is SchemaObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

class Generator {
  private readonly expanding: string[] = [];

  constructor(
    private readonly root: JsonSchema,
    private readonly rng: Rng,
  ) {}

  generate(schema: JsonSchema, key: string, depth: number): unknown {
    if (schema === true) return syntheticString(this.rng, key);
    if (schema === false || !isObject(schema)) return null;
    schema = { ...describedConstraints(schema.description), ...describedBounds(schema.description), ...schema };
    if (typeof schema.$ref === "string") return this.expand(schema.$ref, key, depth);
    if ("const" in schema) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return pick(this.rng, schema.enum);
    const choices = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(choices) && choices.length > 0) return this.generate(this.choose(choices, depth), key, depth);
    if (Array.isArray(schema.allOf)) return this.generate(mergeAll(schema, (part) => this.deref(part)), key, depth);

    switch (this.typeOf(schema, depth)) {
      case "object":
        return this.object(schema, depth);
      case "array":
        return this.array(schema, key, depth);
      case "integer":
        return this.number(schema, true);
      case "number":
        return this.number(schema, false);
      case "boolean":
        return this.rng.next() < 0.5;
      case "null":
        return null;
      default:
        return this.string(schema, key);
    }
  }

  /**
   * A $ref met again inside its own expansion (a recursive schema) is
   * generated at minimum size; otherwise a tree would grow exponentially.
   */
  private expand(ref: string, key: string, depth: number): unknown {
    const recursive = this.expanding.includes(ref);
    this.expanding.push(ref);
    try {
      return this.generate(this.resolve(ref), key, recursive ? Math.max(depth + 1, MAX_DEPTH) : depth + 1);
    } finally {
      this.expanding.pop();
    }
  }

  private resolve(ref: string): JsonSchema {
    if (!ref.startsWith("#")) throw new Error(`only local $refs are supported, got ${ref}`);
    let node: unknown = this.root;
    for (const raw of ref.slice(1).split("/").filter(Boolean)) {
      const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      node = isObject(node) ? node[part] : undefined;
    }
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
    return node as JsonSchema;
  }

  private deref(schema: unknown): unknown {
    return isObject(schema) && typeof schema.$ref === "string" ? this.deref(this.resolve(schema.$ref)) : schema;
  }

  /** Prefer a useful (non-null) branch; deep in a recursive schema, prefer null to stop. */
  private choose(choices: unknown[], depth: number): JsonSchema {
    const isNull = (c: unknown) => isObject(c) && c.type === "null";
    const wanted = depth >= MAX_DEPTH ? choices.find(isNull) : choices.find((c) => !isNull(c));
    return (wanted ?? choices[0]) as JsonSchema;
  }

  private typeOf(schema: SchemaObject, depth: number): string {
    const t = schema.type;
    if (typeof t === "string") return t;
    if (Array.isArray(t)) {
      const nonNull = t.filter((x) => x !== "null");
      if (depth >= MAX_DEPTH && t.includes("null")) return "null";
      return typeof nonNull[0] === "string" ? nonNull[0] : "null";
    }
    if (isObject(schema.properties)) return "object";
    if ("items" in schema || "prefixItems" in schema) return "array";
    return "string";
  }

  private object(schema: SchemaObject, depth: number): Record<string, unknown> {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const out: Record<string, unknown> = {};
    for (const [name, sub] of Object.entries(properties)) {
      if (depth >= MAX_DEPTH && !required.has(name)) continue;
      out[name] = this.generate(sub as JsonSchema, name, depth + 1);
    }
    for (const [name, sub] of Object.entries(properties)) {
      const length = name.endsWith("_index") ? siblingArrayLength(name, out) : undefined;
      const resolved = this.deref(sub);
      if (length === undefined || length === 0 || !isObject(resolved) || !Number.isInteger(out[name])) continue;
      const bounds = { ...describedConstraints(resolved.description), ...describedBounds(resolved.description), ...resolved };
      const maximum = Math.min(num(bounds.maximum) ?? Infinity, length - 1);
      out[name] = this.number({ ...bounds, minimum: Math.max(num(bounds.minimum) ?? 0, 0), maximum }, true);
    }
    return out;
  }

  private array(schema: SchemaObject, key: string, depth: number): unknown[] {
    const prefix = Array.isArray(schema.prefixItems) ? (schema.prefixItems as JsonSchema[]) : [];
    const min = Math.max(num(schema.minItems) ?? 0, prefix.length);
    const max = num(schema.maxItems) ?? Math.max(min, 4);
    const wanted = depth >= MAX_DEPTH ? min : intBetween(this.rng, Math.min(Math.max(min, 2), max), Math.min(Math.max(min, 4), max));
    const items: JsonSchema = schema.items === undefined ? true : (schema.items as JsonSchema);
    const out: unknown[] = prefix.map((p, i) => this.generate(p, `${key}[${i}]`, depth + 1));
    const seen = new Set(out.map((v) => JSON.stringify(v)));
    // uniqueItems: retry a few times, then accept what we have if it still meets minItems.
    for (let tries = 0; out.length < wanted && tries < wanted * 10; tries++) {
      const value = this.generate(items, key, depth + 1);
      const text = JSON.stringify(value);
      if (schema.uniqueItems === true && seen.has(text)) continue;
      seen.add(text);
      out.push(value);
    }
    return out;
  }

  private number(schema: SchemaObject, integer: boolean): number {
    const exclusiveMin = num(schema.exclusiveMinimum);
    const exclusiveMax = num(schema.exclusiveMaximum);
    const step = num(schema.multipleOf) ?? (integer ? 1 : 0.01);
    let lo = num(schema.minimum) ?? (exclusiveMin === undefined ? 0 : exclusiveMin + step);
    let hi = num(schema.maximum) ?? (exclusiveMax === undefined ? Math.max(lo, 0) + 100 : exclusiveMax - step);
    if (exclusiveMin !== undefined) lo = Math.max(lo, exclusiveMin + step);
    if (exclusiveMax !== undefined) hi = Math.min(hi, exclusiveMax - step);
    // Whole multiples of the step inside [lo, hi]; a step-aligned value also keeps floats tidy.
    const first = Math.ceil(lo / step);
    const last = Math.floor(hi / step);
    if (last < first) return integer ? Math.ceil(lo) : lo;
    const value = intBetween(this.rng, first, last) * step;
    return integer ? Math.round(value) : Number(value.toFixed(10));
  }

  private string(schema: SchemaObject, key: string): string {
    const min = num(schema.minLength) ?? 0;
    const max = num(schema.maxLength) ?? Infinity;
    const formatted = this.formatted(schema.format);
    if (formatted !== undefined && formatted.length >= min && formatted.length <= max) return formatted;
    return syntheticString(this.rng, key, min, max);
  }

  private formatted(format: unknown): string | undefined {
    const n = intBetween(this.rng, 1, 9999);
    const day = new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
    switch (format) {
      case "date-time":
        return day.toISOString();
      case "date":
        return day.toISOString().slice(0, 10);
      case "email":
        return `synthetic.${n}@example.com`;
      case "uri":
      case "url":
        return `https://example.com/synthetic/${n}`;
      case "uuid":
        return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
      default:
        return undefined;
    }
  }
}

/** allOf as one schema: properties and required lists combined, other keywords from the last part that has them. */
function mergeAll(schema: SchemaObject, deref: (part: unknown) => unknown): SchemaObject {
  const { allOf, ...rest } = schema;
  const merged: SchemaObject = { ...rest };
  const properties: SchemaObject = isObject(rest.properties) ? { ...rest.properties } : {};
  const required = new Set<unknown>(Array.isArray(rest.required) ? rest.required : []);
  for (const raw of allOf as unknown[]) {
    const part = deref(raw);
    if (!isObject(part)) continue;
    Object.assign(merged, part);
    if (isObject(part.properties)) Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) part.required.forEach((r) => required.add(r));
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  delete merged.allOf;
  return merged;
}

/**
 * The length of the array an `…_index` property points into: the sibling
 * array whose name shares a word with the index's name ("correct_option_index"
 * → "options"), else the only sibling array.
 */
function siblingArrayLength(indexName: string, siblings: Record<string, unknown>): number | undefined {
  const arrays = Object.entries(siblings).filter((e): e is [string, unknown[]] => Array.isArray(e[1]));
  const words = indexName.replace(/_index$/, "").split("_").filter(Boolean);
  const stem = (w: string) => w.toLowerCase().replace(/(?:es|s)$/, "");
  const named = arrays.find(([name]) => name.split("_").some((w) => words.some((x) => stem(x) === stem(w))));
  const only = arrays.length === 1 ? arrays[0] : undefined;
  return (named ?? only)?.[1].length;
}

const BOUND_UNITS: Record<string, [string, string]> = {
  items: ["minItems", "maxItems"],
  characters: ["minLength", "maxLength"],
  "": ["minimum", "maximum"],
};

/**
 * Bounds written in words at the end of a description, as boundsText() in
 * lib/generation/tasks/json-schema.ts writes them: "(4 to 9 items)",
 * "(at least 5 items)", "(at most 600 characters)", "(0 to 8)", several
 * joined by "; ". A part that does not read as a bound is ignored.
 */
function describedBounds(description: unknown): SchemaObject {
  const m = typeof description === "string" ? /\(([^()]*)\)\s*$/.exec(description) : null;
  if (!m) return {};
  const out: SchemaObject = {};
  const n = "(-?\\d+(?:\\.\\d+)?)";
  const part = new RegExp(`^(?:${n} to ${n}|at least ${n}|at most ${n})(?: (items|characters))?$`);
  for (const text of (m[1] as string).split(";")) {
    const p = part.exec(text.trim());
    if (!p) continue;
    const [minKey, maxKey] = BOUND_UNITS[p[5] ?? ""]!;
    const lo = p[1] ?? p[3];
    const hi = p[2] ?? p[4];
    if (lo !== undefined) out[minKey] = Number(lo);
    if (hi !== undefined) out[maxKey] = Number(hi);
  }
  return out;
}

const DESCRIBABLE = new Set(["minItems", "maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "multipleOf"]);

/** The trailing "{key: value, …}" of a description, as schema keywords. */
function describedConstraints(description: unknown): SchemaObject {
  const m = typeof description === "string" ? /\{([^{}]*)\}\s*$/.exec(description) : null;
  if (!m) return {};
  try {
    const parsed: unknown = JSON.parse(`{${(m[1] as string).replace(/(^|, )(\w+): /g, '$1"$2": ')}}`);
    return isObject(parsed) ? Object.fromEntries(Object.entries(parsed).filter(([k, v]) => DESCRIBABLE.has(k) && typeof v === "number")) : {};
  } catch {
    return {};
  }
}
