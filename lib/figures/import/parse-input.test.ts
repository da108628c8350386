import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseInput } from "./parse-input";
import type { ParseEvent } from "./types";

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures/import");

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "parse-input-test-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function collect(files: string[], kind: Parameters<typeof parseInput>[2]): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseInput(root, files, kind)) events.push(event);
  return events;
}

describe("parseInput", () => {
  it("parses every article in sorted order and drops a repeated article's figures", async () => {
    await mkdir(path.join(root, "b"), { recursive: true });
    await mkdir(path.join(root, "a"), { recursive: true });
    await copyFile(path.join(fixtures, "jats/PMC7654321.nxml"), path.join(root, "b/PMC7654321.nxml"));
    await copyFile(path.join(fixtures, "jats/PMC7654321.nxml"), path.join(root, "a/copy.nxml"));
    await copyFile(path.join(fixtures, "jats/no-figures.nxml"), path.join(root, "c.nxml"));
    const events = await collect(["c.nxml", "b/PMC7654321.nxml", "a/copy.nxml", "b/F1.jpg"], "jats");
    const figures = events.flatMap((e) => (e.kind === "figure" ? [e.figure] : []));
    const issues = events.flatMap((e) => (e.kind === "issue" ? [e.issue] : []));
    expect(figures).toHaveLength(7);
    expect(new Set(figures.map((f) => f.source.file))).toEqual(new Set(["a/copy.nxml"]));
    expect(issues.filter((i) => i.file === "b/PMC7654321.nxml")).toHaveLength(7);
    expect(issues[0]?.reason).toMatch(/^figure id "PMC7654321_F1" was already imported from a\/copy\.nxml; this duplicate was skipped/);
    expect(issues.at(-1)).toMatchObject({ file: "c.nxml", reason: expect.stringMatching(/^no figures found/) });
  });

  it("reports a duplicate custom_id in figure records with both places", async () => {
    await copyFile(path.join(fixtures, "records/figure-records.jsonl"), path.join(root, "figs.jsonl"));
    const events = await collect(["figs.jsonl"], "figure_records");
    expect(events.at(-1)).toEqual({
      kind: "issue",
      issue: {
        file: "figs.jsonl",
        line: 12,
        reason: expect.stringMatching(/^line 12: figure id "PMC1111111_F1" was already imported from figs\.jsonl line 1;/),
      },
    });
  });

  it("says so when the upload holds no file of the kind", async () => {
    expect(await collect(["a.jpg"], "caption_set")).toEqual([
      { kind: "issue", issue: { file: ".", reason: expect.stringMatching(/^no \.json or \.jsonl image–caption records found/) } },
    ]);
  });

  it("reports an unreadable file and goes on with the rest", async () => {
    await writeFile(path.join(root, "b.jsonl"), '{"image": "a.jpg", "caption": "c"}\n');
    const events = await collect(["a.jsonl", "b.jsonl"], "caption_set");
    expect(events[0]).toMatchObject({ kind: "issue", issue: { file: "a.jsonl", reason: expect.stringMatching(/^could not read this file/) } });
    expect(events[1]).toMatchObject({ kind: "figure" });
  });
});
