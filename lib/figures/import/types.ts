// Shapes shared by the import parsers (one per input format) and the import
// job that stores what they yield. Parsers never touch the database or the
// image store: they turn files into ParsedFigure records and ImportIssues.
import { z } from "zod";

/** One record that could not be imported, said so a person can act on it. */
export const importIssueSchema = z.object({
  file: z.string(),
  line: z.number().int().positive().optional(),
  reason: z.string(),
});
export type ImportIssue = z.infer<typeof importIssueSchema>;

export type ParsedArticle = {
  /** Paper handle: the unit of train/val/test splits. */
  handle: string;
  journal: string;
  title: string;
  doi: string | null;
  pmcid: string | null;
  year: number | null;
};

export type ParsedFigure = {
  customId: string;
  figLabel: string;
  caption: string;
  mentions: string[];
  page: number | null;
  /** The image as the record names it (relative path, file name, or JATS href without extension); null if none. */
  imageRef: string | null;
  article: ParsedArticle;
  /** Where the record came from, for error messages. */
  source: { file: string; line?: number };
  synthetic?: boolean;
};

export type ParseEvent = { kind: "figure"; figure: ParsedFigure } | { kind: "issue"; issue: ImportIssue };

export const importKinds = ["figure_records", "jats", "caption_set"] as const;
export type ImportKindName = (typeof importKinds)[number];
