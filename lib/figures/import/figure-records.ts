// Figure records in the reference pipeline's own format (custom_id, fig_label,
// fig_caption, in_text_mention, image, paper, page, journal), as a JSON array
// or as JSONL, one record a line.
import { z } from "zod";
import { normalizePmcid } from "./ids";
import { isObject, readJsonRecords } from "./json-records";
import type { ParsedFigure, ParseEvent } from "./types";

/** A required text field; numbers are accepted where ids are (paper 123 → "123"). */
function requiredText(options: { allowEmpty?: boolean; allowNumber?: boolean } = {}) {
  const text = z.string({ error: "must be text" });
  const base = options.allowEmpty ? text : text.trim().min(1, { error: "is empty; fill it in or remove the record" });
  return options.allowNumber
    ? z.union([base, z.number().transform(String)], { error: "must be text or a number" })
    : base;
}

export const figureRecordSchema = z.object({
  custom_id: requiredText({ allowNumber: true }),
  fig_label: requiredText({ allowEmpty: true }),
  fig_caption: requiredText(),
  in_text_mention: z
    .union([z.array(z.string()), z.string(), z.null()], {
      error: "must be a list of paragraphs (strings), one string, or null",
    })
    .optional()
    .transform((value) => (value == null ? [] : Array.isArray(value) ? value : [value]).filter((p) => p.trim() !== "")),
  image: requiredText(),
  paper: requiredText({ allowNumber: true }),
  page: z
    .union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number), z.null()], {
      error: "must be a page number",
    })
    .optional(),
  journal: requiredText({ allowEmpty: true }),
  title: z.string({ error: "must be text" }).nullish(),
  doi: z.string({ error: "must be text" }).nullish(),
  pmcid: z.union([z.string(), z.number()], { error: "must be text such as PMC123456" }).nullish(),
  year: z
    .union([z.number().int(), z.string().regex(/^\d{4}$/).transform(Number)], { error: "must be a four-digit year" })
    .nullish(),
  synthetic: z.boolean({ error: "must be true or false" }).optional(),
});
export type FigureRecord = z.infer<typeof figureRecordSchema>;

const requiredFields = ["custom_id", "fig_label", "fig_caption", "image", "paper", "journal"] as const;

export async function* parseFigureRecords(absPath: string, relPath: string): AsyncGenerator<ParseEvent> {
  for await (const event of readJsonRecords(absPath, relPath)) {
    if (event.kind === "issue") {
      yield event;
      continue;
    }
    const { value, line, where } = event;
    const at = { file: relPath, ...(line === undefined ? {} : { line }) };
    const checked = checkRecord(value);
    if ("problem" in checked) yield { kind: "issue", issue: { ...at, reason: `${where}: ${checked.problem}` } };
    else yield { kind: "figure", figure: toFigure(checked.record, at) };
  }
}

/** The record, or everything wrong with it in one sentence. */
function checkRecord(value: unknown): { record: FigureRecord } | { problem: string } {
  if (!isObject(value)) {
    return { problem: `expected a JSON object (one figure record), got ${Array.isArray(value) ? "an array" : typeof value}` };
  }
  // All missing fields at once: the usual cause is a file in another format.
  const absent = requiredFields.filter((field) => value[field] == null);
  if (absent.length === 1) return { problem: `${absent[0]} is missing; add it or remove the record` };
  if (absent.length > 1) return { problem: `${absent.join(", ")} are missing; add them or remove the record` };
  const parsed = figureRecordSchema.safeParse(value);
  if (parsed.success) return { record: parsed.data };
  return { problem: parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ") };
}

function toFigure(record: FigureRecord, source: ParsedFigure["source"]): ParsedFigure {
  return {
    customId: record.custom_id,
    figLabel: record.fig_label.trim(),
    caption: record.fig_caption.trim(),
    mentions: record.in_text_mention,
    page: record.page ?? null,
    imageRef: record.image,
    article: {
      handle: record.paper,
      journal: record.journal,
      title: record.title ?? "",
      doi: record.doi ?? null,
      pmcid: normalizePmcid(record.pmcid),
      year: record.year ?? null,
    },
    source,
    ...(record.synthetic === undefined ? {} : { synthetic: record.synthetic }),
  };
}
