import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_DIM, BUILTIN_LAYOUT, builtinExtractor, builtinFeatures, magnitudeBin, orientationBin } from "@/lib/features/builtin";
import { decodeRgb } from "@/lib/features/decode";
import { isExtractError } from "@/lib/features/types";
import { createRng } from "@/scripts/demo-data/prng";
import { builtinFeaturesReference } from "./builtin-reference";
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

describe("the fast loops give the same numbers as the plain ones (bit for bit)", () => {
  const same = (img: { width: number; height: number; data: Uint8Array }) => {
    const fast = builtinFeatures(img);
    const plain = builtinFeaturesReference(img);
    const differ = Array.from(fast.keys()).filter((i) => !Object.is(fast[i], plain[i]));
    expect(differ, `values differ at ${differ.slice(0, 5).join(", ")}`).toEqual([]);
  };
  const image = (w: number, h: number, pixel: (x: number, y: number) => [number, number, number]) => {
    const data = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(pixel(x, y), (y * w + x) * 3);
    return { width: w, height: h, data };
  };

  it("on gradients that lie exactly on an orientation bin's edge or an axis (where atan2 decides)", () => {
    // 45° and 135° steps (gx = ±gy exactly), horizontal and vertical steps (gy or gx = 0), a checkerboard.
    same(image(40, 40, (x, y) => (x + y > 40 ? [255, 255, 255] : [0, 0, 0])));
    same(image(40, 40, (x, y) => (x - y > 3 ? [200, 200, 200] : [10, 10, 10])));
    same(image(33, 17, (x) => (x > 16 ? [90, 90, 90] : [30, 30, 30])));
    same(image(17, 33, (_, y) => (y > 16 ? [90, 90, 90] : [30, 30, 30])));
    same(image(24, 24, (x, y) => ((x + y) % 2 ? [255, 0, 0] : [0, 0, 255])));
  });

  it("orientation and magnitude bins equal atan2 and the linear search, on and around every bin edge", () => {
    const slow = (gx: number, gy: number) => {
      let angle = Math.atan2(gy, gx);
      if (angle < 0) angle += Math.PI;
      return Math.floor((angle / Math.PI) * 16) & 15;
    };
    const bounds = [0.05, 0.1, 0.2, 0.3, 0.45, 0.65, 0.9];
    const slowMag = (m: number) => bounds.filter((b) => m > b).length;
    for (let e = 0; e <= 32; e++) {
      for (const r of [1e-6, 0.02, 0.5, 1, 3.99]) {
        for (const d of [0, 1e-15, -1e-15, 1e-12, -1e-12, 1e-9, -1e-9, 1e-3, -1e-3]) {
          const a = (e * Math.PI) / 16 + d;
          const [gx, gy] = [r * Math.cos(a), r * Math.sin(a)];
          expect(orientationBin(gx, gy), `angle ${a}`).toBe(slow(gx, gy));
          expect(orientationBin(-gx, -gy)).toBe(slow(-gx, -gy));
        }
      }
    }
    for (const [gx, gy] of [[1, 0], [-1, 0], [1, -0], [-1, -0], [0, 1], [0, -1], [1, 1e-300], [-1, 1e-300], [-1, -1e-300], [1, 1], [-1, 1]] as const) {
      expect(orientationBin(gx, gy), `${gx}, ${gy}`).toBe(slow(gx, gy));
    }
    for (const b of [0, ...bounds, 1.5]) {
      for (const m of [b, b - 1e-16, b + 1e-16, b * (1 - 1e-9), b * (1 + 1e-9), b + 0.01, Math.max(0, b - 0.01)]) expect(magnitudeBin(m), `magnitude ${m}`).toBe(slowMag(m));
    }
  });

  it("on noise, ramps and odd sizes (every orientation and magnitude bin, thumbnail cells of unequal size)", () => {
    const rng = createRng(11, "builtin-equivalence");
    for (let k = 0; k < 20; k++) {
      const w = rng.int(8, 70);
      const h = rng.int(8, 70);
      const level = rng.int(1, 255);
      same(image(w, h, () => [rng.int(0, level), rng.int(0, level), rng.int(0, level)]));
      same(image(w, h, (x, y) => [(x * 7 + y * k) % 256, (y * 5) % 256, (x * y) % 256]));
    }
  });

  it("on demo figures of every kind, decoded as the extractor decodes them", async () => {
    for (const f of await demoFigures(3, 8)) same(await decodeRgb(f.image, (s) => s.resize(128, 128, { fit: "fill" })));
  }, 60_000);
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
