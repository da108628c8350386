// Runs the parser for the input's kind over each of its record files in
// sorted order, and drops figures whose custom id an earlier record already
// used (the same article twice in one upload, or a copied record).
import path from "node:path";
import { parseCaptionSet } from "./caption-set";
import { listRecordFiles } from "./detect";
import { parseFigureRecords } from "./figure-records";
import { parseJats } from "./jats";
import type { ImportKindName, ParsedFigure, ParseEvent } from "./types";

const parsers: Record<ImportKindName, (absPath: string, relPath: string) => AsyncGenerator<ParseEvent>> = {
  jats: parseJats,
  figure_records: parseFigureRecords,
  caption_set: parseCaptionSet,
};

const expectedFiles: Record<ImportKindName, string> = {
  jats: ".nxml (or JATS .xml) articles",
  figure_records: ".json or .jsonl figure records",
  caption_set: ".json or .jsonl image–caption records",
};

export async function* parseInput(rootDir: string, files: string[], kind: ImportKindName): AsyncGenerator<ParseEvent> {
  const recordFiles = listRecordFiles(kind, files);
  if (recordFiles.length === 0) {
    yield { kind: "issue", issue: { file: ".", reason: `no ${expectedFiles[kind]} found in the upload; nothing was imported` } };
    return;
  }
  const firstSeen = new Map<string, string>();
  for (const relPath of recordFiles) {
    try {
      for await (const event of parsers[kind](path.join(rootDir, relPath), relPath)) {
        if (event.kind === "figure") {
          const { customId, source } = event.figure;
          const earlier = firstSeen.get(customId);
          if (earlier !== undefined) {
            yield duplicateIssue(customId, source, earlier);
            continue;
          }
          firstSeen.set(customId, source.line === undefined ? source.file : `${source.file} line ${source.line}`);
        }
        yield event;
      }
    } catch (error) {
      // One unreadable file should not stop the others.
      const reason = `could not read this file (${error instanceof Error ? error.message : String(error)}); check it and upload it again`;
      yield { kind: "issue", issue: { file: relPath, reason } };
    }
  }
}

function duplicateIssue(customId: string, source: ParsedFigure["source"], earlier: string): ParseEvent {
  const at = source.line === undefined ? "" : `line ${source.line}: `;
  const reason =
    `${at}figure id "${customId}" was already imported from ${earlier}; this duplicate was skipped ` +
    `(remove the copy, or give each figure its own custom_id)`;
  return { kind: "issue", issue: { ...source, reason } };
}
