// Counters of a running import, written to its row as batches finish so the
// progress bar (polling GET /api/imports/:id) moves.
import type { ImportIssue } from "@/lib/figures/import/types";

export type Tally = {
  total: number;
  processed: number;
  imported: number;
  duplicates: number;
  failed: number;
  flagged: number;
  errors: ImportIssue[];
};

export const emptyTally = (): Tally => ({ total: 0, processed: 0, imported: 0, duplicates: 0, failed: 0, flagged: 0, errors: [] });

// Keep the row small: a million bad lines are summarised, not stored.
export const MAX_STORED_ERRORS = 5_000;

export function addIssue(t: Tally, issue: ImportIssue): void {
  t.failed += 1;
  if (t.errors.length < MAX_STORED_ERRORS) t.errors.push(issue);
}

export function finalStatus(t: Tally): "succeeded" | "partial" | "failed" {
  if (t.failed === 0) return "succeeded";
  return t.imported + t.duplicates > 0 ? "partial" : "failed";
}

export function summary(t: Tally): string {
  const parts = [`${t.imported} imported`];
  if (t.duplicates) parts.push(`${t.duplicates} already present`);
  if (t.flagged) parts.push(`${t.flagged} caption-only (image missing)`);
  if (t.failed) parts.push(`${t.failed} rejected — see the list below`);
  return parts.join(", ");
}
