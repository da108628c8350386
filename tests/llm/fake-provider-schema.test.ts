// The fake provider's JSON Schema → instance generator, checked against the
// zod schemas the schemas came from.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { instanceFor, SYNTHETIC_MARKER } from "@/lib/llm/fake-provider";

type Tree = { name: string; children: Tree[] };
const tree: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(tree) }));

const everything = z.object({
  id: z.uuid(),
  when: z.iso.datetime(),
  day: z.iso.date(),
  email: z.email(),
  severity: z.enum(["mild", "moderate", "severe"]),
  score: z.number().min(0.5).max(0.7),
  exact: z.int().min(3).max(3),
  step: z.int().multipleOf(5).gt(10).lt(30),
  note: z.string().nullable(),
  either: z.union([z.string(), z.number()]),
  tags: z.array(z.string()).min(4).max(9),
  unique: z.array(z.enum(["a", "b", "c"])).min(3).max(3).refine((xs) => new Set(xs).size === xs.length),
  flag: z.boolean(),
  tree,
  literal: z.literal("x"),
  short: z.string().max(5),
  long: z.string().min(300),
  both: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })),
  optional: z.string().optional(),
  turns: z.array(z.object({ question: z.string(), answer: z.string() })).min(1),
});

describe("instanceFor", () => {
  const jsonSchema = z.toJSONSchema(everything, { unrepresentable: "any" });
  // uniqueItems is not in zod's JSON Schema; add it as a provider schema would have it.
  Object.assign((jsonSchema.properties as Record<string, object>).unique as object, { uniqueItems: true });

  it("makes instances that validate, for many seeds", () => {
    for (let seed = 0; seed < 200; seed++) {
      const parsed = everything.safeParse(instanceFor(jsonSchema, seed));
      expect(parsed.error?.issues ?? [], `seed ${seed}`).toEqual([]);
    }
  });

  it("is deterministic for a seed and varies across seeds", () => {
    expect(instanceFor(jsonSchema, 5)).toEqual(instanceFor(jsonSchema, 5));
    expect(instanceFor(jsonSchema, 5)).not.toEqual(instanceFor(jsonSchema, 6));
  });

  it("writes readable text marked as synthetic, questions for question-like keys", () => {
    const value = everything.parse(instanceFor(jsonSchema, 1));
    expect(value.turns[0]?.question).toMatch(new RegExp(`^\\${SYNTHETIC_MARKER} .+\\?$`));
    expect(value.turns[0]?.answer.startsWith(SYNTHETIC_MARKER)).toBe(true);
  });

  it("obeys constraints an SDK moved into the description", () => {
    const schema = { type: "array", items: { type: "string" }, description: "Choices\n\n{minItems: 6, maxItems: 7}" };
    for (let seed = 0; seed < 20; seed++) expect((instanceFor(schema, seed) as unknown[]).length).toBeGreaterThanOrEqual(6);
  });
});
