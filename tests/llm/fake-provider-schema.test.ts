// The fake provider's JSON Schema → instance generator, checked against the
// zod schemas the schemas came from.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { tasks, taskKinds } from "@/lib/generation/tasks";
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

describe("instanceFor on our task schemas (bounds folded into descriptions)", () => {
  it("reads the bounds boundsText() writes", () => {
    const lengths = (description: string) =>
      Array.from({ length: 20 }, (_, seed) => (instanceFor({ type: "array", items: { type: "string" }, description }, seed) as unknown[]).length);
    expect(Math.min(...lengths("Diagnoses (at least 5 items)"))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lengths("Pairs (at most 1 items)"))).toBeLessThanOrEqual(1);
    for (const n of lengths("Options (7 to 8 items)")) expect(n >= 7 && n <= 8, `${n} items`).toBe(true);
    const text = instanceFor({ type: "string", description: "A stem. (at most 12 characters)" }, 1) as string;
    expect(text.length).toBeLessThanOrEqual(12);
    const int = Array.from({ length: 50 }, (_, seed) => instanceFor({ type: "integer", description: "Position (2 to 3)" }, seed));
    expect(new Set(int)).toEqual(new Set([2, 3]));
  });

  it("keeps an …_index integer inside its sibling array (a heuristic: a model reads the description)", () => {
    const schema = {
      type: "object",
      properties: {
        choices: { type: "array", items: { type: "string" }, description: "(2 to 3 items)" },
        correct_choice_index: { type: "integer", description: "(0 to 8)" },
      },
    };
    for (let seed = 0; seed < 50; seed++) {
      const value = instanceFor(schema, seed) as { choices: string[]; correct_choice_index: number };
      expect(value.correct_choice_index).toBeLessThan(value.choices.length);
    }
  });

  it.each(taskKinds)("%s: 200 instances pass the task's schema and index checks", (kind) => {
    const schema = tasks[kind].jsonSchema();
    for (let seed = 0; seed < 200; seed++) {
      const problems = tasks[kind].check(instanceFor(schema, seed));
      const blocking = problems.filter((p) => p.code === "schema" || p.code === "mcq.correct_index_out_of_range");
      expect(blocking, `seed ${seed}`).toEqual([]);
    }
  });
});
