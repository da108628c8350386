// psql for what node-postgres does not do out of the box: \copy to and from
// files (the COPY baseline and bulk fills) and one-off SQL.
import { execFileSync } from "node:child_process";

export function psql(url: string, ...commands: string[]): string {
  const args = [url, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", ...commands.flatMap((c) => ["-c", c])];
  const env = { ...process.env, PGOPTIONS: "-c client_min_messages=warning" }; // no TRUNCATE … CASCADE notices
  return execFileSync("psql", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env }).trim();
}

/** `\copy table (cols) FROM file` in COPY's text format (tab-separated, \N for NULL). */
export function copyFrom(url: string, table: string, columns: string[], file: string): void {
  psql(url, `\\copy ${table} (${columns.join(", ")}) FROM '${file}'`);
}

/** One field of COPY's text format. */
export function copyField(v: string | number | boolean | null | string[]): string {
  if (v === null) return "\\N";
  if (Array.isArray(v)) v = `{${v.map((s) => `"${s.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
  return String(v).replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}

export const copyLine = (fields: (string | number | boolean | null | string[])[]) => fields.map(copyField).join("\t") + "\n";
