import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { detectInputKind, listRecordFiles } from "./detect";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "detect-test-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(files: Record<string, string>): Promise<string[]> {
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
    await writeFile(path.join(root, rel), text);
  }
  return Object.keys(files);
}

describe("detectInputKind", () => {
  it("finds JATS by .nxml files", async () => {
    const files = await put({ "PMC1/a.nxml": "<article/>", "PMC1/F1.jpg": "", "meta.json": '{"image": "x", "caption": "y"}' });
    expect(await detectInputKind(root, files)).toBe("jats");
  });

  it("finds JATS in .xml files by their content", async () => {
    const files = await put({ "a.xml": '<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "-//NLM//DTD JATS" "x.dtd">\n<article/>' });
    expect(await detectInputKind(root, files)).toBe("jats");
    const other = await put({ "b/manifest.xml": "<manifest/>" });
    await rm(path.join(root, "a.xml"));
    expect(await detectInputKind(root, other)).toBeNull();
  });

  it("finds figure records by their fields, in JSONL and JSON arrays", async () => {
    expect(await detectInputKind(root, await put({ "r.jsonl": '{"custom_id": "a", "fig_caption": "c"}\n' }))).toBe("figure_records");
    await rm(path.join(root, "r.jsonl"));
    expect(await detectInputKind(root, await put({ "r.json": '[\n {"fig_caption": "{not a brace}", "image": "x"}\n]' }))).toBe(
      "figure_records",
    );
  });

  it("finds caption sets by image and caption fields", async () => {
    expect(await detectInputKind(root, await put({ "set.jsonl": '{"image_path": "a.jpg", "text": "c"}\n' }))).toBe("caption_set");
  });

  it("skips JSON files it cannot recognise and macOS metadata", async () => {
    const files = await put({
      "__MACOSX/._a.nxml": "\u0000\u0005binary",
      "a/info.json": '{"version": 2}',
      "b/pairs.jsonl": '{"image": "a.jpg", "caption": "c"}\n',
    });
    expect(await detectInputKind(root, files)).toBe("caption_set");
  });

  it("returns null when nothing fits", async () => {
    expect(await detectInputKind(root, await put({ "a.jpg": "", "notes.txt": "hi", "empty.jsonl": "" }))).toBeNull();
  });
});

describe("listRecordFiles", () => {
  const files = ["z.nxml", "a/b.nxml", "c.xml", "__MACOSX/._z.nxml", "r.jsonl", "q.json", "s.ndjson", "img.jpg"];

  it("lists sorted .nxml files for JATS, .xml only when there is no .nxml", () => {
    expect(listRecordFiles("jats", files)).toEqual(["a/b.nxml", "z.nxml"]);
    expect(listRecordFiles("jats", ["b.xml", "a.xml", "x.jpg"])).toEqual(["a.xml", "b.xml"]);
  });

  it("lists sorted JSON files for record kinds", () => {
    expect(listRecordFiles("figure_records", files)).toEqual(["q.json", "r.jsonl", "s.ndjson"]);
    expect(listRecordFiles("caption_set", files)).toEqual(["q.json", "r.jsonl", "s.ndjson"]);
  });
});
