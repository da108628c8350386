import { describe, expect, it } from "vitest";
import { z } from "zod";
import { toStrictJsonSchema } from "./json-schema";
import { taskKinds, tasks } from "./registry";

// The keywords OpenAI strict mode and Anthropic tool schemas both accept.
const PORTABLE = new Set(["type", "description", "properties", "required", "additionalProperties", "items", "enum"]);

/** Every reason OpenAI's strict mode would refuse a schema, as paths; [] when it is fine. */
function strictViolations(node: unknown, path = "<root>"): string[] {
  if (typeof node !== "object" || node === null) return [`${path}: not a schema object`];
  const schema = node as Record<string, unknown>;
  const out = Object.keys(schema)
    .filter((k) => !PORTABLE.has(k))
    .map((k) => `${path}: keyword ${k}`);
  if (schema.type === "object") {
    const properties = (schema.properties ?? {}) as Record<string, unknown>;
    if (schema.additionalProperties !== false) out.push(`${path}: additionalProperties is not false`);
    const keys = Object.keys(properties).sort();
    const required = [...((schema.required as string[] | undefined) ?? [])].sort();
    if (JSON.stringify(keys) !== JSON.stringify(required)) out.push(`${path}: required ≠ properties`);
    for (const [k, child] of Object.entries(properties)) out.push(...strictViolations(child, `${path}.${k}`));
  } else if (schema.type === "array") {
    out.push(...strictViolations(schema.items, `${path}[]`));
  } else if (!["string", "integer", "number", "boolean"].includes(schema.type as string)) {
    out.push(`${path}: type ${String(schema.type)}`);
  }
  return out;
}

describe("task JSON schemas", () => {
  it.each(taskKinds)("%s: strict-compatible, object root, valid tool name", (kind) => {
    const schema = tasks[kind].jsonSchema();
    expect(schema.type).toBe("object");
    expect(strictViolations(schema)).toEqual([]);
    // OpenAI json_schema names and Anthropic tool names share this pattern.
    expect(tasks[kind].toolName).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it("keeps the bounds for the model to read, in the descriptions", () => {
    const mcq = tasks.mcq.jsonSchema();
    expect(mcq.properties?.options?.description).toMatch(/\(4 to 9 items\)$/);
    expect(mcq.properties?.correct_option_index).toEqual({
      type: "integer",
      description: "0-based position of the correct option in options. (0 to 8)",
    });
    expect(tasks.ddx.jsonSchema().properties?.ddx?.description).toMatch(/\(5 to 11 items\)$/);
    expect(tasks.ift.jsonSchema().properties?.qa_pairs?.items?.required).toEqual(["question", "answer"]);
  });

  it("describes exactly the fields the zod schema parses", () => {
    for (const kind of taskKinds) {
      const example = tasks[kind].defaultFewShots[0]!.output as object;
      expect(Object.keys(tasks[kind].jsonSchema().properties ?? {})).toEqual(Object.keys(example));
    }
  });

  it("refuses what strict mode would reject instead of passing it on", () => {
    expect(() => toStrictJsonSchema(z.object({ a: z.string().optional() }))).toThrow(/optional properties \(a\)/);
    expect(() => toStrictJsonSchema(z.object({ a: z.union([z.string(), z.number()]) }))).toThrow(/<root>\.a: type \["string","number"\] is not portable/);
    expect(() => toStrictJsonSchema(z.object({ a: z.union([z.string(), z.object({ b: z.string() })]) }))).toThrow(/<root>\.a: "anyOf" is not portable/);
    expect(() => toStrictJsonSchema(z.object({ a: z.string().regex(/x/) }))).toThrow(/"pattern" is not portable/);
    expect(() => toStrictJsonSchema(z.array(z.string()))).toThrow(/root of a strict schema must be an object/);
  });
});
