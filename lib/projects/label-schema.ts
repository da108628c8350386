import { z } from "zod";

// A project's labels, each bound to a key. The default is the reference's
// three classes (reference-pipeline.md, "Figure filtering").
export const labelSchemaSchema = z.object({
  labels: z
    .array(z.object({ value: z.number().int(), name: z.string().min(1), key: z.string().length(1), description: z.string().default("") }))
    .min(2),
});
export type LabelSchema = z.infer<typeof labelSchemaSchema>;

/**
 * Keys the labelers keep for themselves (components/label/single-labeler.tsx,
 * grid-labeler.tsx, components/figures/zoomable-image.tsx), with what they
 * do: a label bound to one of them could never be typed, or would steal it.
 * Backspace, Escape and the arrows are named keys, never one character. "0"
 * is free: it also resets the zoom, but the zoom yields to a label on "0".
 */
export const RESERVED_KEYS: Readonly<Record<string, string>> = {
  u: "undo",
  z: "undo (ctrl+z)",
  s: "skip",
  " ": "skip",
  m: "“more like this”",
  a: "select all (grid mode)",
  "+": "zoom in",
  "=": "zoom in",
  "-": "zoom out",
};

export const MAX_LABELS = 12;
export const MAX_LABEL_VALUE = 99;

export type LabelProblem = { index: number; field: "value" | "name" | "key"; message: string };

const shown = (key: string) => (key === " " ? "space" : `“${key}”`);

/**
 * What is wrong with a set of labels, each worded so a person can fix it:
 * values and keys unique, keys not taken by the labeler, names unique. The
 * editor shows these as you type; the server refuses a schema that has any.
 */
export function labelSchemaProblems(labels: readonly { value: number; name: string; key: string }[]): LabelProblem[] {
  const problems: LabelProblem[] = [];
  const name = (i: number) => `“${labels[i]!.name.trim() || `label ${i + 1}`}”`;
  labels.forEach((l, i) => {
    if (!Number.isInteger(l.value) || l.value < 0 || l.value > MAX_LABEL_VALUE) {
      problems.push({ index: i, field: "value", message: `The value must be a whole number from 0 to ${MAX_LABEL_VALUE}.` });
    } else {
      const first = labels.findIndex((m) => m.value === l.value);
      if (first < i) problems.push({ index: i, field: "value", message: `Value ${l.value} is already ${name(first)}'s; give each label its own value.` });
    }
    if (!l.name.trim()) problems.push({ index: i, field: "name", message: "Give the label a name." });
    else {
      const first = labels.findIndex((m) => m.name.trim().toLowerCase() === l.name.trim().toLowerCase());
      if (first < i) problems.push({ index: i, field: "name", message: `Another label is already named ${name(first)}; give each its own name.` });
    }
    if ([...l.key].length !== 1 || l.key.length !== 1) {
      problems.push({ index: i, field: "key", message: "The key must be one character: a letter, a digit or a symbol." });
    } else if (RESERVED_KEYS[l.key]) {
      problems.push({ index: i, field: "key", message: `${shown(l.key)} is the labeler's ${RESERVED_KEYS[l.key]} key; choose another.` });
    } else if (/\s/.test(l.key)) {
      problems.push({ index: i, field: "key", message: "The key must be a visible character, not a space or a tab." });
    } else {
      const first = labels.findIndex((m) => m.key === l.key);
      if (first < i) problems.push({ index: i, field: "key", message: `${shown(l.key)} already labels ${name(first)}; give each label its own key.` });
    }
  });
  return problems;
}

// Loose shapes: labelSchemaProblems says what is wrong, in words to act on.
const labelInput = z.object({
  value: z.number(),
  name: z.string().trim().max(60),
  key: z.string().max(8),
  description: z.string().trim().max(300).default(""),
});
const problemsAsIssues = (labels: Parameters<typeof labelSchemaProblems>[0], ctx: z.RefinementCtx) => {
  for (const p of labelSchemaProblems(labels)) ctx.addIssue({ code: "custom", path: [p.index, p.field], message: p.message });
};
const labelList = <T extends z.ZodType<z.infer<typeof labelInput>>>(item: T) =>
  z.array(item).min(2, "a schema needs at least two labels").max(MAX_LABELS, `at most ${MAX_LABELS} labels`).superRefine(problemsAsIssues);

/** A schema a person sends (a new project's): checked as the editor checks it. */
export const checkedLabelSchema = z.object({ labels: labelList(labelInput) });

/**
 * An edit of a project's labels. `from` is the value a label had before the
 * edit (left out: its value, if the project has that value, else a new
 * label); figures carrying it follow the label to its new value. A value that
 * no label comes from is removed: if figures carry it, `moves` must say which
 * label they move to, else the edit is refused with their count.
 */
export const labelSchemaEdit = z.object({
  labels: labelList(labelInput.extend({ from: z.number().int().optional() })),
  moves: z.array(z.object({ from: z.number().int(), to: z.number().int() })).max(MAX_LABELS).default([]),
});
export type LabelSchemaEdit = z.infer<typeof labelSchemaEdit>;

export const defaultLabelSchema: LabelSchema = {
  labels: [
    { value: 2, name: "Imaging", key: "2", description: "Scans, radiographs, intra-operative photos" },
    { value: 1, name: "Not imaging, interesting", key: "1", description: "Diagrams, illustrations" },
    { value: 0, name: "Discard", key: "0", description: "Charts, tables, anything not useful" },
  ],
};

// Which effective labels feed each generation task; null = every figure.
// The reference: IFT all, MCQ {1, 2}, DDx {2}.
const taskRule = z.array(z.number().int()).nullable();
const eligibilityFields = {
  ift: taskRule,
  mcq: taskRule,
  ddx: taskRule,
  /** The filter model's probability needed to count as kept. */
  threshold: z.number().min(0).max(1),
};
const settingsFields = {
  labelsPerFigure: z.number().int().min(1).max(5),
  /** Retrain the filter model after this many newly labelled figures. */
  retrainEvery: z.number().int().min(5).max(10_000),
};

const defaultEligibility = { ift: null, mcq: [1, 2], ddx: [2], threshold: 0.5 };
export const eligibilitySchema = z.object(eligibilityFields);
export type EligibilityRules = z.infer<typeof eligibilitySchema>;

/** Stored settings, with defaults filled in for anything older rows lack. */
export const projectSettingsSchema = z.object({
  labelsPerFigure: settingsFields.labelsPerFigure.default(1),
  retrainEvery: settingsFields.retrainEvery.default(50),
  eligibility: eligibilitySchema.partial().transform((e) => ({ ...defaultEligibility, ...e })).default(defaultEligibility),
});

/** A change to the settings: only what is sent changes (no defaults here). */
export const projectSettingsPatch = z
  .object({ ...settingsFields, eligibility: eligibilitySchema.partial() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, "send at least one setting");
