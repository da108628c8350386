// The import job end to end against real PostgreSQL and the real image store:
// good records land, every bad one is listed with file, line and a reason,
// and running the same input again adds nothing.
import { createHash } from "node:crypto";
import { mkdtempSync, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import { createProject } from "@/lib/projects/service";
import { originalPath } from "@/lib/storage/image-store";
import { image, record, recordsFolder, tarGz, zip } from "./make-input";

let projectId: number;
beforeAll(async () => {
  projectId = (await createProject({ name: "Import tests", description: "" }, null)).id;
});

async function importFrom(source: string, project = projectId) {
  const imp = await db().import.create({ data: { projectId: project, source, fileName: path.basename(source) } });
  await runImport(db(), imp.id);
  return db().import.findUniqueOrThrow({ where: { id: imp.id } });
}

type Issue = { file: string; line?: number; reason: string };
const issues = (imp: { errors: unknown }) => imp.errors as Issue[];

describe("figure-record JSONL", () => {
  it("imports good records, lists bad ones by line, and is idempotent", async () => {
    const p = (await createProject({ name: "jsonl", description: "" }, null)).id;
    const dir = await recordsFolder(
      [
        record(1),
        record(2),
        "{not json",
        record(4, { fig_caption: undefined }),
        record(5, { image: "images/absent.png" }),
        record(6, { image: "images/fig-6.png" }),
        record(7, { image: "images/fig-7.jpg" }),
      ],
      {
        "images/fig-1.png": await image(1),
        "images/fig-2.png": await image(2),
        // 6: a PNG cut in half; 7: bytes that are no image at all
        "images/fig-6.png": (await image(6)).subarray(0, 60),
        "images/fig-7.jpg": Buffer.from("definitely not a jpeg"),
      },
    );
    const first = await importFrom(tarGz(dir), p);
    expect(first.kind).toBe("figure_records");
    expect(first.imported).toBe(3); // 1, 2 and 5 (caption-only)
    expect(first.flagged).toBe(1);
    expect(first.failed).toBe(4);
    expect(first.status).toBe("partial");
    const errs = issues(first);
    expect(errs.find((e) => e.line === 3)?.reason).toMatch(/JSON/i);
    expect(errs.find((e) => e.line === 4)?.reason).toMatch(/fig_caption/);
    expect(errs.find((e) => e.line === 6)?.reason).toMatch(/truncated|not a readable image/);
    expect(errs.find((e) => e.line === 7)?.reason).toMatch(/not a readable image/);
    for (const e of errs) expect(e.file).toContain("records.jsonl");

    const fig1 = await db().figure.findFirstOrThrow({ where: { projectId: p, customId: "fig-1" }, include: { article: true } });
    expect(fig1.caption).toBe("Caption of figure 1: axial MRI.");
    expect(fig1.mentions).toEqual(["As Figure 1 shows, the lesion enhances."]);
    expect(fig1.article.handle).toBe("paper-1");
    expect(fig1.width).toBe(48);
    await expect(fs.readFile(originalPath(fig1.imageHash!))).resolves.toEqual(await image(1));
    const fig5 = await db().figure.findFirstOrThrow({ where: { projectId: p, customId: "fig-5" } });
    expect(fig5.imageMissing).toBe(true);
    expect(fig5.imageHash).toBeNull();

    const again = await importFrom(tarGz(dir), p);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(3);
    expect(await db().figure.count({ where: { projectId: p } })).toBe(3);
  });

  it("dedupes by image hash within a project even under a new custom_id", async () => {
    const p = (await createProject({ name: "dedupe", description: "" }, null)).id;
    const img = await image(42);
    const dir = await recordsFolder([record(1), record(2, { image: "images/copy.png" })], { "images/fig-1.png": img, "images/copy.png": img });
    const imp = await importFrom(dir, p);
    expect(imp.imported).toBe(1);
    expect(imp.duplicates).toBe(1);
  });
});

describe("archives", () => {
  it("rejects entries with absolute paths, .. or links, and imports the rest", async () => {
    const png = (await image(9)).toString("base64");
    const rec = JSON.stringify(record(9));
    const archive = zip([
      { name: "records.jsonl", data: rec + "\n" },
      { name: "images/fig-9.png", base64: png },
      { name: "../escape.txt", data: "x" },
      { name: "/etc/evil.txt", data: "x" },
      { name: "images/link.png", symlinkTo: "/etc/passwd" },
    ]);
    const imp = await importFrom(archive);
    expect(imp.imported).toBe(1);
    const reasons = issues(imp).map((e) => `${e.file} ${e.reason}`);
    expect(reasons.some((r) => r.includes("../escape.txt"))).toBe(true);
    expect(reasons.some((r) => r.includes("/etc/evil.txt"))).toBe(true);
    expect(reasons.some((r) => r.includes("link.png"))).toBe(true);
    await expect(fs.access(path.join(path.dirname(archive), "..", "escape.txt"))).rejects.toThrow();
  });

  it("says a damaged archive is damaged", async () => {
    const dir = await recordsFolder([record(1)], { "images/fig-1.png": await image(1) });
    const full = await fs.readFile(tarGz(dir));
    const cut = path.join(path.dirname(tarGz(dir)), "cut.tar.gz");
    await fs.writeFile(cut, full.subarray(0, Math.floor(full.length / 2)));
    const imp = await importFrom(cut);
    expect(imp.status).toBe("failed");
    expect(imp.message).toMatch(/damaged|truncated|corrupt/i);
  });
});

describe("decoding limits", () => {
  it("rejects an image over the pixel limit before decoding it", async () => {
    // A real 48×48 PNG whose header claims 100000×100000 pixels: a few hundred
    // bytes that would need 30 GB to decode.
    const png = Buffer.from(await image(5));
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const dir = await recordsFolder([record(1)], { "images/fig-1.png": png });
    const imp = await importFrom(dir);
    expect(imp.imported).toBe(0);
    expect(issues(imp)[0]?.reason).toMatch(/pixel limit/);
  });
});

describe("batches", () => {
  // Over one batch (1,000 records), so batch 2's images are checked while batch 1 is inserted.
  // 300 in batch 2, so one of them lands in a store folder no image of batch 1 uses (the failure test needs one).
  const N = 1_300;
  // `salt` makes another test's images distinct from these (the store is shared within this file).
  const manyImages = async (salt = 0) => {
    const images: Record<string, Buffer> = {};
    for (let i = 1; i <= N; i++) {
      const raw = Buffer.alloc(8 * 8 * 3, i % 251);
      raw.writeUInt32BE(i + salt * 1_000_000); // distinct bytes, distinct hash
      images[`images/fig-${i}.png`] = await sharp(raw, { raw: { width: 8, height: 8, channels: 3 } }).png().toBuffer();
    }
    return images;
  };

  it("counts every batch's rejected images with that batch", async () => {
    const p = (await createProject({ name: "batches", description: "" }, null)).id;
    const images = await manyImages();
    for (const i of [7, 999, 1_001, 1_049]) images[`images/fig-${i}.png`] = images[`images/fig-${i}.png`]!.subarray(0, 50);
    const progress: { processed: number; failed: number }[] = [];
    const dir = await recordsFolder(Array.from({ length: N }, (_, i) => record(i + 1)), images);
    const row = await db().import.create({ data: { projectId: p, source: dir, fileName: "batches" } });
    await runImport(db(), row.id, { onProgress: (t) => progress.push({ processed: t.processed, failed: t.failed }) });
    const imp = await db().import.findUniqueOrThrow({ where: { id: row.id } });
    expect(imp).toMatchObject({ status: "partial", total: N, processed: N, imported: N - 4, failed: 4 });
    expect(issues(imp).map((e) => e.line).sort((a, b) => a! - b!)).toEqual([7, 999, 1_001, 1_049]);
    // After batch 1: its two rejections, none of batch 2's yet.
    expect(progress).toContainEqual({ processed: 1_000, failed: 2 });
  });

  it("fails cleanly when storing an image of the next batch fails while a batch is inserted", async () => {
    // A store of its own: earlier tests in this file have made every one of the 256 shard folders.
    const previousStore = process.env.IMAGE_STORE_DIR;
    process.env.IMAGE_STORE_DIR = mkdtempSync(path.join(tmpdir(), "store-"));
    resetConfig();
    onTestFinished(() => {
      if (previousStore === undefined) delete process.env.IMAGE_STORE_DIR;
      else process.env.IMAGE_STORE_DIR = previousStore;
      resetConfig();
    });
    const p = (await createProject({ name: "batch-failure", description: "" }, null)).id;
    const images = await manyImages(1);
    const dir = await recordsFolder(Array.from({ length: N }, (_, i) => record(i + 1)), images);
    // Block the store folder of one image of batch 2 (one no image of batch 1 shares) with a file.
    const hashOf = (i: number) => createHash("sha256").update(images[`images/fig-${i}.png`]!).digest("hex");
    const firstBatch = new Set(Array.from({ length: 1_000 }, (_, i) => hashOf(i + 1).slice(0, 2)));
    const victim = [...Array(N - 1_000).keys()].map((i) => hashOf(1_001 + i)).find((h) => !firstBatch.has(h.slice(0, 2)))!;
    const folder = path.dirname(originalPath(victim));
    await fs.mkdir(path.dirname(folder), { recursive: true });
    await fs.writeFile(folder, "not a folder");
    try {
      const imp = await importFrom(dir, p);
      expect(imp.status).toBe("failed");
      expect(imp.message).toMatch(/EEXIST|ENOTDIR|not a directory|file already exists/);
      expect(imp.imported).toBe(1_000); // batch 1 landed; a re-run adds the rest
    } finally {
      await fs.rm(folder, { force: true });
    }
  });
});

describe("caption sets", () => {
  it("imports {image, caption} lines", async () => {
    const p = (await createProject({ name: "captions", description: "" }, null)).id;
    const dir = await recordsFolder(
      [
        { image: "images/a.png", caption: "A sagittal T1 image." },
        { image: "images/b.png", caption: "An intraoperative photograph." },
      ],
      { "images/a.png": await image(11), "images/b.png": await image(12) },
    );
    const imp = await importFrom(dir, p);
    expect(imp.kind).toBe("caption_set");
    expect(imp.imported).toBe(2);
    const captions = (await db().figure.findMany({ where: { projectId: p }, orderBy: { id: "asc" } })).map((f) => f.caption);
    expect(captions).toEqual(["A sagittal T1 image.", "An intraoperative photograph."]);
  });
});

describe("PMC OA package", () => {
  it("imports every <fig> with caption and mentions; a figure without its image is caption-only and flagged", async () => {
    const { generateDemoData } = await import("../../scripts/demo-data/generate");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const p = (await createProject({ name: "jats", description: "" }, null)).id;
    const data = await generateDemoData(mkdtempSync(path.join(tmpdir(), "jats-")), { figures: 4, seed: 3 });
    const imp = await importFrom(data.jatsArchive, p);
    expect(imp.kind).toBe("jats");
    expect(imp.status).toBe("succeeded");
    expect(imp.imported).toBe(5);
    expect(imp.flagged).toBe(1);
    const figs = await db().figure.findMany({ where: { projectId: p }, orderBy: { id: "asc" }, include: { article: true } });
    expect(figs.map((f) => f.figLabel)).toEqual(["Figure 1", "Figure 2", "Figure 3", "Figure 4", "Figure 5"]);
    expect(figs[0]!.article.pmcid).toBe("PMC0000001");
    expect(figs[0]!.article.handle).toBe("PMC0000001");
    // Figures 2 and 3 are cited together by one xref rid="F2 F3"; figure 4 only in plain text.
    const shared = figs[1]!.mentions.find((m) => figs[2]!.mentions.includes(m));
    expect(shared).toBeDefined();
    expect(figs[3]!.mentions.some((m) => /Fig\. 4B/.test(m))).toBe(true);
    expect(figs[4]!.imageMissing).toBe(true);
    expect(figs[4]!.caption.length).toBeGreaterThan(20);
  });
});
