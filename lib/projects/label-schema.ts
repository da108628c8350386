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

export const projectSettingsSchema = z.object({
  labelsPerFigure: z.number().int().min(1).max(5).default(1),
  /** Retrain the filter model after this many newly labelled figures. */
  retrainEvery: z.number().int().min(5).max(10_000).default(50),
});
