// The library benchmark's data: one project with ~25,000 articles in 8
// journals and 100,000 figures (realistic captions, ~70 % with in-text
// mentions), loaded with COPY. The first `withImages` figures get real images
// and thumbnails in the image store; the rest carry unique fake hashes.
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { mapLimit } from "@/lib/imports/map-limit";
import { makeThumbnail, storeImageBytes, type StoredImage } from "@/lib/storage/image-store";
import { copyFrom, copyLine, psql } from "./pg";
import { pick, rng } from "./stats";
import { caption, journals, mentions } from "./text";

const JOURNAL_WEIGHTS = [0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.04];

export async function fillLibrary(url: string, projectId: number, opts: { figures: number; withImages: number; workDir: string }) {
  const r = rng(opts.figures);
  // Articles: 1–7 figures each (about 4), journals weighted so filters differ in selectivity.
  const perArticle: number[] = [];
  for (let left = opts.figures; left > 0; ) {
    const k = Math.min(left, 1 + Math.floor(r() * 7));
    perArticle.push(k);
    left -= k;
  }
  const articleFile = path.join(opts.workDir, "articles.copy");
  const articleJournal = perArticle.map(() => weighted(r()));
  writeFileSync(
    articleFile,
    perArticle
      .map((_, i) => copyLine([projectId, `pmc-${1_000_000 + i}`, articleJournal[i]!, `Case series ${i + 1}`, `10.1000/bench.${i}`, `PMC${1_000_000 + i}`, 1995 + (i % 30)]))
      .join(""),
  );
  copyFrom(url, "article", ["project_id", "handle", "journal", "title", "doi", "pmcid", "year"], articleFile);
  const articleIds = psql(url, `SELECT id FROM article WHERE project_id = ${projectId} ORDER BY id`).split("\n").map(Number);

  const images = await mapLimit(Array.from({ length: opts.withImages }, (_, i) => i), 2, async (i) => {
    const stored = await storeImageBytes(await syntheticJpeg(i));
    await makeThumbnail(stored.hash);
    return stored;
  });

  const figureFile = path.join(opts.workDir, "figures.copy");
  const lines: string[] = [];
  let n = 0;
  perArticle.forEach((count, a) => {
    for (let k = 1; k <= count; k++, n++) {
      const label = `Figure ${k}`;
      const img: StoredImage | null = images[n] ?? null;
      const missing = !img && r() < 0.01; // a few caption-only figures
      const hash = img?.hash ?? (missing ? null : createHash("sha256").update(`fake-${n}`).digest("hex"));
      lines.push(copyLine([
        projectId, articleIds[a]!, `fig-${String(n).padStart(6, "0")}`, label, caption(r, label),
        r() < 0.7 ? mentions(r, label, 1 + Math.floor(r() * 2)) : [], 1 + Math.floor(r() * 12),
        hash, `fig-${n}.jpg`, missing, img?.width ?? (missing ? null : 800 + Math.floor(r() * 800)),
        img?.height ?? (missing ? null : 600 + Math.floor(r() * 600)), false, articleJournal[a]!,
      ]));
    }
  });
  writeFileSync(figureFile, lines.join(""));
  copyFrom(url, "figure", ["project_id", "article_id", "custom_id", "fig_label", "caption", "mentions", "page",
    "image_hash", "image_name", "image_missing", "width", "height", "synthetic", "journal"], figureFile);
  psql(url, "VACUUM ANALYZE");
  return { articles: perArticle.length, journals: [...journals] };
}

function weighted(x: number): string {
  let acc = 0;
  for (const [i, w] of JOURNAL_WEIGHTS.entries()) if ((acc += w) > x) return journals[i]!;
  return journals[journals.length - 1]!;
}

/** A distinct 480×360 "scan": a seeded gradient with a bright blob, as JPEG. */
async function syntheticJpeg(seed: number): Promise<Buffer> {
  const w = 480;
  const h = 360;
  const r = rng(seed + 1);
  const cx = w * (0.2 + 0.6 * r());
  const cy = h * (0.2 + 0.6 * r());
  const rad = 30 + 60 * r();
  const tint = pick(r, [0, 1, 2]);
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = Math.hypot(x - cx, y - cy);
      const v = Math.max(0, Math.min(255, 40 + (x + y) / 6 + (d < rad ? 140 * (1 - d / rad) : 0)));
      const o = (y * w + x) * 3;
      raw[o] = raw[o + 1] = raw[o + 2] = v;
      raw[o + tint] = Math.min(255, v + 30);
    }
  }
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}
