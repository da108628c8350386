import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCaptionSet } from "./caption-set";
import type { ParseEvent } from "./types";

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures/import/records");

async function collect(name: string): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseCaptionSet(path.join(fixtures, name), `sets/${name}`)) events.push(event);
  return events;
}

describe("parseCaptionSet", () => {
  it("reads image–caption pairs under their several key spellings", async () => {
    const events = await collect("caption-set.jsonl");
    const figures = events.flatMap((e) => (e.kind === "figure" ? [e.figure] : []));
    expect(figures).toEqual([
      {
        customId: "PMC1234567_F2_0",
        figLabel: "",
        caption: "Axial FLAIR image of an invented lesion.",
        mentions: [],
        page: null,
        imageRef: "PMC1234567_F2_0.jpg",
        // The PMC-OA file name names the article: its figures stay in one split.
        article: { handle: "PMC1234567", journal: "", title: "", doi: null, pmcid: "PMC1234567", year: null },
        source: { file: "sets/caption-set.jsonl", line: 1 },
      },
      expect.objectContaining({
        customId: "cap-7",
        caption: "Lateral radiograph.",
        imageRef: "imgs/case7.png",
        article: expect.objectContaining({ handle: "paper-7", pmcid: null }),
      }),
      expect.objectContaining({
        customId: "PMC7654321_Fig3",
        // A given pmcid wins over the one in the file name.
        article: expect.objectContaining({ handle: "PMC7777777", pmcid: "PMC7777777" }),
      }),
    ]);
  });

  it("reports records without an image or caption, and bad lines", async () => {
    const events = await collect("caption-set.jsonl");
    const issues = events.flatMap((e) => (e.kind === "issue" ? [e.issue] : []));
    expect(issues).toEqual([
      { file: "sets/caption-set.jsonl", line: 4, reason: expect.stringMatching(/^line 4: no caption/) },
      { file: "sets/caption-set.jsonl", line: 5, reason: expect.stringMatching(/^line 5: no image path \(expected one of image, image_path, path, file_name\)/) },
      { file: "sets/caption-set.jsonl", line: 6, reason: expect.stringMatching(/^line 6: not valid JSON/) },
    ]);
  });

  it("takes the caption from a LLaVA-Med conversation, and falls back to the file as the paper", async () => {
    const events = await collect("llava-med-alignment.json");
    expect(events).toEqual([
      {
        kind: "figure",
        figure: expect.objectContaining({
          customId: "llava-med-0001",
          caption: "Contrast-enhanced T1 MRI of an invented tumour.",
          article: expect.objectContaining({ handle: "PMC5550001" }),
        }),
      },
    ]);
  });

  it("derives a stable id from the image path and uses the file stem as the paper when nothing else names one", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "caption-set-"));
    try {
      const file = path.join(dir, "roco.jsonl");
      await writeFile(file, '{"image": "images/ROCO_00012.jpg", "caption": "CT."}\n');
      const events: ParseEvent[] = [];
      for await (const event of parseCaptionSet(file, "roco.jsonl")) events.push(event);
      expect(events[0]).toMatchObject({
        kind: "figure",
        figure: { customId: "images-ROCO_00012", article: { handle: "caption-set:roco", pmcid: null } },
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
