import { z } from "zod";

// A project's labels, each bound to a key. The default is the reference's
// three classes (reference-pipeline.md, "Figure filtering").
export const labelSchemaSchema = z.object({
  labels: z
    .array(z.object({ value: z.number().int(), name: z.string().min(1), key: z.string().length(1), description: z.string().default("") }))
    .min(2),
});
export type LabelSchema = z.infer<typeof labelSchemaSchema>;

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
