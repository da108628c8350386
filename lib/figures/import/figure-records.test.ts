import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFigureRecords } from "./figure-records";
import type { ParseEvent } from "./types";

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures/import/records");

async function collect(absPath: string, relPath: string): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseFigureRecords(absPath, relPath)) events.push(event);
  return events;
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "records-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function parseText(name: string, text: string): Promise<ParseEvent[]> {
  await writeFile(path.join(work, name), text);
  return collect(path.join(work, name), name);
}

describe("parseFigureRecords: JSONL", () => {
  let events: ParseEvent[];
  beforeAll(async () => {
    events = await collect(path.join(fixtures, "figure-records.jsonl"), "records/figure-records.jsonl");
  });
  const figures = () => events.flatMap((e) => (e.kind === "figure" ? [e.figure] : []));
  const issues = () => events.flatMap((e) => (e.kind === "issue" ? [e.issue] : []));

  it("maps a full record onto a figure", () => {
    expect(figures()[0]).toEqual({
      customId: "PMC1111111_F1",
      figLabel: "Figure 1",
      caption: "Axial CT showing an invented lesion.",
      mentions: ["The lesion is shown in Figure 1."],
      page: 3,
      imageRef: "images/PMC1111111_F1.jpg",
      article: {
        handle: "PMC1111111",
        journal: "Test Neurosurg",
        title: "An invented article",
        doi: "10.9999/tn.1",
        pmcid: "PMC1111111",
        year: 2019,
      },
      source: { file: "records/figure-records.jsonl", line: 1 },
      synthetic: false,
    });
  });

  it("accepts loose forms: numeric ids, a mention string or null, page and year as text", () => {
    const [, second, third] = figures();
    expect(second).toMatchObject({
      customId: "42",
      mentions: ["A single mention as a string."],
      page: 5,
      article: { handle: "2222222", pmcid: "PMC2222222", year: 2020, title: "", doi: null },
      source: { line: 2 },
    });
    expect(second).not.toHaveProperty("synthetic");
    expect(third).toMatchObject({ customId: "PMC3333333_F1", figLabel: "", mentions: [], page: null, source: { line: 4 } });
  });

  it("reports each bad line with its number and what to do", () => {
    expect(issues()).toEqual([
      { file: "records/figure-records.jsonl", line: 5, reason: expect.stringMatching(/^line 5: not valid JSON \(.+\); fix or remove the line$/) },
      { file: "records/figure-records.jsonl", line: 6, reason: "line 6: fig_caption is missing; add it or remove the record" },
      { file: "records/figure-records.jsonl", line: 7, reason: "line 7: image, paper are missing; add them or remove the record" },
      { file: "records/figure-records.jsonl", line: 8, reason: "line 8: fig_caption is empty; fill it in or remove the record" },
      {
        file: "records/figure-records.jsonl",
        line: 9,
        reason: "line 9: in_text_mention must be a list of paragraphs (strings), one string, or null",
      },
      { file: "records/figure-records.jsonl", line: 10, reason: "line 10: expected a JSON object (one figure record), got an array" },
      { file: "records/figure-records.jsonl", line: 11, reason: "line 11: page must be a page number" },
    ]);
  });

  it("still yields the good records around the bad ones (duplicates are parse-input's job)", () => {
    expect(figures().map((f) => f.source.line)).toEqual([1, 2, 4, 12]);
  });
});

describe("parseFigureRecords: JSON", () => {
  it("reads an array file, naming bad records by position", async () => {
    const events = await collect(path.join(fixtures, "figure-records.json"), "figure-records.json");
    expect(events).toEqual([
      { kind: "figure", figure: expect.objectContaining({ customId: "PMC9999999_F1", page: 2, source: { file: "figure-records.json" } }) },
      { kind: "issue", issue: { file: "figure-records.json", reason: "record 2: fig_caption is missing; add it or remove the record" } },
    ]);
  });

  it("reads JSON lines saved under a .json name", async () => {
    const line = JSON.stringify({ custom_id: "a", fig_label: "Figure 1", fig_caption: "c", image: "a.jpg", paper: "p", journal: "j" });
    const events = await parseText("lines.json", `${line}\n${line.replace('"a"', '"b"')}\n`);
    expect(events.map((e) => (e.kind === "figure" ? e.figure.customId : e.issue.reason))).toEqual(["a", "b"]);
  });

  it("reads a single pretty-printed record", async () => {
    const record = { custom_id: "a", fig_label: "Figure 1", fig_caption: "c", image: "a.jpg", paper: "p", journal: "j" };
    const events = await parseText("one.json", JSON.stringify(record, null, 2));
    expect(events).toHaveLength(1);
    expect(events[0]?.kind).toBe("figure");
  });

  it("reports a broken array file with the line of the error", async () => {
    const events = await parseText("broken.json", '[\n  {"custom_id": "a"},\n  {"custom_id" "b"}\n]\n');
    expect(events).toEqual([
      { kind: "issue", issue: { file: "broken.json", line: 3, reason: expect.stringMatching(/^line 3: not valid JSON .*export it again$/) } },
    ]);
  });

  it("streams a large JSONL file", async () => {
    const line = (n: number) =>
      JSON.stringify({ custom_id: `id${n}`, fig_label: "Figure 1", fig_caption: `caption ${n}`, image: `${n}.jpg`, paper: `p${n % 100}`, journal: "j" });
    const lines = Array.from({ length: 20_000 }, (_, n) => line(n));
    lines[9_999] = "{oops";
    const events = await parseText("large.jsonl", `\uFEFF${lines.join("\r\n")}\r\n`);
    expect(events.filter((e) => e.kind === "figure")).toHaveLength(19_999);
    expect(events.find((e) => e.kind === "issue")).toMatchObject({ issue: { line: 10_000 } });
  });
});
