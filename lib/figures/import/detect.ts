// Tells which kind of input an extracted upload is, from its file list and the
// first record of its JSON files, and which of its files hold the records.
import { open } from "node:fs/promises";
import path from "node:path";
import { readFirstRecord } from "./json-records";
import { extensionOf, isIgnoredFile } from "./paths";
import type { ImportKindName } from "./types";

const jsonExtensions = new Set(["json", "jsonl", "ndjson"]);
const captionImageKeys = ["image", "image_path", "path", "file_name"];
const captionTextKeys = ["caption", "text", "conversations"];

/**
 * "jats" when there is an .nxml file (or, failing that, an .xml file that is a
 * JATS article); otherwise the kind of the first JSON/JSONL file, in sorted
 * order, whose first record is recognisable: fig_caption or custom_id →
 * "figure_records", an image and a caption → "caption_set". Null if nothing fits.
 */
export async function detectInputKind(rootDir: string, files: string[]): Promise<ImportKindName | null> {
  const candidates = files.filter((file) => !isIgnoredFile(file)).sort();
  if (candidates.some((file) => extensionOf(file) === "nxml")) return "jats";
  for (const file of candidates.filter((f) => extensionOf(f) === "xml")) {
    if (await looksLikeJats(path.join(rootDir, file))) return "jats";
  }
  for (const file of candidates.filter((f) => jsonExtensions.has(extensionOf(f)))) {
    const record = await readFirstRecord(path.join(rootDir, file));
    if (record === null) continue;
    if ("fig_caption" in record || "custom_id" in record) return "figure_records";
    if (captionImageKeys.some((key) => key in record) && captionTextKeys.some((key) => key in record)) {
      return "caption_set";
    }
  }
  return null;
}

/** The files a parser of `kind` should read, sorted so every run reads them in the same order. */
export function listRecordFiles(kind: ImportKindName, files: string[]): string[] {
  const candidates = files.filter((file) => !isIgnoredFile(file));
  const withExtension = (extensions: string[]) => candidates.filter((file) => extensions.includes(extensionOf(file)));
  if (kind === "jats") {
    // PMC packages use .nxml; a folder of .xml articles counts only when there is no .nxml beside them.
    const nxml = withExtension(["nxml"]);
    return (nxml.length > 0 ? nxml : withExtension(["xml"])).sort();
  }
  return withExtension([...jsonExtensions]).sort();
}

async function looksLikeJats(absPath: string): Promise<boolean> {
  const handle = await open(absPath, "r");
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return /<!DOCTYPE\s+(?:article|pmc-articleset)\b|<article[\s>]/.test(head.toString("utf8", 0, bytesRead));
  } finally {
    await handle.close();
  }
}
