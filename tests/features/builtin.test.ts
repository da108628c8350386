import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_DIM, BUILTIN_LAYOUT, builtinExtractor, builtinFeatures } from "@/lib/features/builtin";
import { isExtractError } from "@/lib/features/types";
import { KINDS, demoFigures, type DemoFigure } from "./demo-figures";

const cosine = (a: Float32Array, b: Float32Array) => {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
};

/** The named part of a built-in vector. */
function part(v: Float32Array, name: (typeof BUILTIN_LAYOUT)[number]["part"]): number[] {
  let offset = 0;
  for (const p of BUILTIN_LAYOUT) {
    if (p.part === name) return Array.from(v.subarray(offset, offset + p.size));
    offset += p.size;
  }
  throw new Error(name);
}

describe("built-in features of hand-made images", () => {
  const image = (w: number, h: number, pixel: (x: number, y: number) => [number, number, number]) => {
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(pixel(x, y), (y * w + x) * 3);
    return { width: w, height: h, data };
  };

  it("a flat mid-grey: one intensity bin, no hue, no edges, a blank thumbnail", () => {
    const v = builtinFeatures(image(64, 64, () => [128, 128, 128]));
    expect(part(v, "gray")).toEqual(Array.from({ length: 32 }, (_, i) => (i === 16 ? 1 : 0)));
    expect(part(v, "hue").every((x) => x === 0)).toBe(true);
    expect(part(v, "saturation")[0]).toBe(1);
    expect(part(v, "edges")).toEqual([1, 0, 0, 0]);
    expect(part(v, "thumbnail").every((x) => x === 0)).toBe(true);
  });

  it("vertical black/white stripes: horizontal gradients only, strong edges, a striped thumbnail", () => {
    const v = builtinFeatures(image(64, 64, (x) => (Math.floor(x / 8) % 2 ? [255, 255, 255] : [0, 0, 0])));
    const orientation = part(v, "orientation");
    expect(orientation[0]).toBeCloseTo(1, 6); // gradient along x: angle 0
    const [flat, edges, strong] = part(v, "edges");
    expect(edges).toBeCloseTo(strong!, 6);
    expect(flat! + edges!).toBeCloseTo(1, 6);
    const thumb = part(v, "thumbnail");
    expect(thumb[0]).toBeCloseTo(-thumb[1]!, 6);
    expect(Math.hypot(...thumb)).toBeCloseTo(1, 5);
  });

  it("pure red: all hue in the first bin, full saturation", () => {
    const v = builtinFeatures(image(32, 32, () => [255, 0, 0]));
    expect(part(v, "hue")[0]).toBeCloseTo(1, 6);
    expect(part(v, "saturation")[15]).toBeCloseTo(1, 6);
  });
});

describe("built-in extractor", () => {
  let figures: DemoFigure[];
  let vectors: Float32Array[];
  let seconds: number;

  beforeAll(async () => {
    figures = await demoFigures(12);
    const started = performance.now();
    const results = await builtinExtractor.extract(figures.map((f) => f.image));
    seconds = (performance.now() - started) / 1000;
    vectors = results.map((r) => {
      if (isExtractError(r)) throw new Error(r.error);
      return r;
    });
  }, 120_000);

  it("returns finite vectors of the documented size", () => {
    expect(builtinExtractor.id).toBe("builtin-v1");
    expect(BUILTIN_DIM).toBe(172);
    expect(BUILTIN_LAYOUT.reduce((n, p) => n + p.size, 0)).toBe(builtinExtractor.dim);
    for (const v of vectors) {
      expect(v.length).toBe(BUILTIN_DIM);
      expect(v.every(Number.isFinite)).toBe(true);
    }
    console.log(`built-in: ${figures.length} demo figures (320–900 px, decode included) in ${seconds.toFixed(2)} s = ${(figures.length / seconds).toFixed(0)} images/s`);
  });

  it("is deterministic", async () => {
    const [again] = await builtinExtractor.extract([figures[0]!.image]);
    expect(again).toEqual(vectors[0]);
  });

  it("puts most figures next to a figure of the same kind (cosine nearest neighbour)", () => {
    const confusion = Object.fromEntries(KINDS.map((k) => [k, Object.fromEntries(KINDS.map((j) => [j, 0]))])) as Record<string, Record<string, number>>;
    let same = 0;
    vectors.forEach((v, i) => {
      let best = -1;
      let bestSim = -Infinity;
      vectors.forEach((u, j) => {
        if (j === i) return;
        const sim = cosine(v, u);
        if (sim > bestSim) [best, bestSim] = [j, sim];
      });
      const kind = figures[i]!.kind;
      const neighbour = figures[best]!.kind;
      confusion[kind]![neighbour]!++;
      if (neighbour === kind) same++;
    });
    console.log(`built-in nearest-neighbour kind agreement ${same}/${vectors.length}; rows = kind, columns = neighbour's kind:`, confusion);
    expect(same / vectors.length).toBeGreaterThanOrEqual(0.8);
  });

  it("reports an undecodable image and still extracts the others", async () => {
    const tiny = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } }).png().toBuffer();
    const results = await builtinExtractor.extract([tiny, Buffer.from("%PDF-1.4 not an image"), figures[1]!.image]);
    expect(results[0]).toBeInstanceOf(Float32Array);
    expect(results[1]).toEqual({ error: expect.stringMatching(/not an image/) });
    expect(results[2]).toEqual(vectors[1]);
  });
});
