// Image–caption pairs as published for alignment training (PMC-OA,
// LLaVA-Med alignment): one record per image, with no label, mentions or page.
// Field names vary between sets, so several spellings are accepted.
import { z } from "zod";
import { normalizePmcid, safeId } from "./ids";
import { isObject, readJsonRecords } from "./json-records";
import { stemOf } from "./paths";
import { normalizeSpace } from "./text";
import type { ParsedFigure, ParseEvent } from "./types";

const imageKeys = ["image", "image_path", "path", "file_name"] as const;
const captionKeys = ["caption", "text"] as const;

const optionalText = z.string({ error: "must be text" }).optional();
const optionalId = z.union([z.string(), z.number()], { error: "must be text or a number" }).nullish();

export const captionRecordSchema = z.object({
  image: optionalText,
  image_path: optionalText,
  path: optionalText,
  file_name: optionalText,
  caption: optionalText,
  text: optionalText,
  // LLaVA-Med alignment data keeps the caption as the answer of a two-turn conversation.
  conversations: z
    .array(z.object({ from: z.string(), value: z.string() }), { error: "must be a list of {from, value} turns" })
    .optional(),
  id: optionalId,
  pmcid: optionalId,
  paper: optionalId,
});
type CaptionRecord = z.infer<typeof captionRecordSchema>;

export async function* parseCaptionSet(absPath: string, relPath: string): AsyncGenerator<ParseEvent> {
  const fallbackHandle = `caption-set:${stemOf(relPath)}`;
  for await (const event of readJsonRecords(absPath, relPath)) {
    if (event.kind === "issue") {
      yield event;
      continue;
    }
    const { value, line, where } = event;
    const at = { file: relPath, ...(line === undefined ? {} : { line }) };
    const checked = checkRecord(value);
    if ("problem" in checked) yield { kind: "issue", issue: { ...at, reason: `${where}: ${checked.problem}` } };
    else yield { kind: "figure", figure: toFigure(checked, fallbackHandle, at) };
  }
}

type CheckedRecord = { record: CaptionRecord; image: string; caption: string };

function checkRecord(value: unknown): CheckedRecord | { problem: string } {
  if (!isObject(value)) {
    return { problem: `expected a JSON object with an image and a caption, got ${Array.isArray(value) ? "an array" : typeof value}` };
  }
  const parsed = captionRecordSchema.safeParse(value);
  if (!parsed.success) {
    return { problem: parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("; ") };
  }
  const record = parsed.data;
  const image = imageKeys.map((key) => record[key]?.trim()).find((path) => !!path);
  if (!image) return { problem: `no image path (expected one of ${imageKeys.join(", ")}); add it or remove the record` };
  const caption = normalizeSpace(
    captionKeys.map((key) => record[key]).find((text) => !!text?.trim()) ??
      record.conversations?.find((turn) => turn.from === "gpt" || turn.from === "assistant")?.value ??
      "",
  );
  if (!caption) {
    return { problem: `no caption (expected ${captionKeys.join(" or ")}, or a conversation answer); add it or remove the record` };
  }
  return { record, image, caption };
}

function toFigure({ record, image, caption }: CheckedRecord, fallbackHandle: string, source: ParsedFigure["source"]): ParsedFigure {
  const givenPmcid = normalizePmcid(record.pmcid);
  const paper = record.paper == null ? "" : String(record.paper).trim();
  const pmcid = givenPmcid ?? pmcidInFileName(image);
  return {
    // Derived from the image path when absent, so importing the same set twice gives the same ids.
    customId: record.id == null ? safeId([image.replace(/\.[A-Za-z0-9]+$/, "")]) : String(record.id),
    figLabel: "",
    caption,
    mentions: [],
    page: null,
    imageRef: image,
    article: { handle: givenPmcid ?? (paper || pmcid) ?? fallbackHandle, journal: "", title: "", doi: null, pmcid, year: null },
    source,
  };
}

/**
 * PMC-OA names images after their article ("PMC3456789_F2_0.jpg"); using that
 * article as the paper keeps all its figures in one train/val/test split.
 */
function pmcidInFileName(image: string): string | null {
  const match = /^(PMC\d+)[_.-]/i.exec(image.split(/[\\/]/).pop() ?? "");
  return match?.[1] ? normalizePmcid(match[1]) : null;
}
