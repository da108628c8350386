// The default extractor: no model weights, a few milliseconds an image, and
// enough to sort journal figures by kind (grayscale scans, white-background
// charts and diagrams, colour photographs) for PCA ordering and a first
// filter model. One libvips decode + resize to 128×128, then typed-array loops.
import { mapLimit } from "@/lib/imports/map-limit";
import { ImageDecodeError, decodeRgb, type RgbImage } from "./decode";
import type { Extractor } from "./types";

const SIZE = 128;

/**
 * The vector, part by part, in order. Histograms hold √(share of the total)
 * (the Hellinger map, as in RootSIFT): each has unit L2 norm and the dot
 * product of two is their Bhattacharyya similarity, so no single busy bin
 * dominates a cosine distance. Everything else is in [0, 1] or unit-normed.
 */
export const BUILTIN_LAYOUT = [
  { part: "gray", size: 32, what: "intensity histogram (Rec. 601 luma)" },
  { part: "hue", size: 24, what: "hue histogram, each pixel weighted by its chroma, so greys add nothing" },
  { part: "saturation", size: 16, what: "HSV saturation histogram" },
  {
    part: "tone",
    size: 8,
    what: "mean and std of intensity; shares of near-white and near-black pixels; mean and std of saturation; share of colourful pixels; Hasler–Süsstrunk colourfulness / 255",
  },
  { part: "orientation", size: 16, what: "Sobel gradient orientation over 0–180°, weighted by gradient magnitude" },
  { part: "magnitude", size: 8, what: "histogram of Sobel magnitudes of non-flat pixels (soft photo gradients vs sharp drawn lines)" },
  { part: "edges", size: 4, what: "share of flat pixels, edge density, strong-edge density, mean gradient magnitude" },
  { part: "thumbnail", size: 64, what: "8×8 grayscale thumbnail, zero mean, unit L2 norm (layout)" },
] as const;

export const BUILTIN_DIM = BUILTIN_LAYOUT.reduce((n, p) => n + p.size, 0); // 172

/** Parallel decodes: libuv's default pool has 4 threads. */
const CONCURRENCY = 4;

export const builtinExtractor: Extractor = {
  id: "builtin-v1",
  label: "Built-in (histograms + edges + thumbnail, no model)",
  dim: BUILTIN_DIM,
  extract(images) {
    return mapLimit(images, CONCURRENCY, async (image) => {
      try {
        return builtinFeatures(await decodeRgb(image, (s) => s.resize(SIZE, SIZE, { fit: "fill" })));
      } catch (err) {
        if (err instanceof ImageDecodeError) return { error: err.message };
        throw err;
      }
    });
  },
};

// Magnitudes are of a gray image in [0, 1], divided by 4 (Sobel's gain), so a full black/white step is 1.
const FLAT = 0.02;
const EDGE = 0.1;
const STRONG = 0.3;
const MAGNITUDE_BINS = [0.05, 0.1, 0.2, 0.3, 0.45, 0.65, 0.9]; // upper bounds; the last bin is open

/** Each 8-bit luma as the float32 the loops read: y / 255, rounded once (a table, not a division per pixel). */
const GRAY = Float32Array.from({ length: 256 }, (_, y) => y / 255);

/**
 * The vector of an RGB image (at least 8×8; the extractor passes 128×128).
 * One pass over the pixels makes the colour statistics, the gray image and
 * the thumbnail's sums; a second, over the gray image, the Sobel features.
 * Every number is computed by the same float operations in the same order as
 * the straightforward per-part loops (tests/features/builtin-reference.ts),
 * so the output is bit-identical to theirs; only the work around them is less.
 */
export function builtinFeatures(img: RgbImage): Float32Array {
  const { width: w, height: h, data } = img;
  if (w < 8 || h < 8) throw new Error(`builtinFeatures needs at least 8×8 pixels, got ${w}×${h}`);
  const n = w * h;
  const out = new Float32Array(BUILTIN_DIM);
  const gray = new Float32Array(n);
  const grayHist = new Float64Array(32);
  const hueHist = new Float64Array(24);
  const satHist = new Float64Array(16);
  // The thumbnail's 8×8 cells: each column's cell, computed once, not per pixel.
  const cellOfX = new Uint8Array(w);
  for (let x = 0; x < w; x++) cellOfX[x] = Math.min(7, Math.floor((x * 8) / w));
  const cells = new Float64Array(64);
  const counts = new Float64Array(64);
  let graySum = 0;
  let graySq = 0;
  let white = 0;
  let black = 0;
  let satSum = 0;
  let satSq = 0;
  let colourful = 0;
  let rgSum = 0;
  let rgSq = 0;
  let ybSum = 0;
  let ybSq = 0;

  for (let yy = 0, i = 0, p = 0; yy < h; yy++) {
    const cy = Math.min(7, Math.floor((yy * 8) / h)) * 8;
    for (let x = 0; x < w; x++, i++, p += 3) {
      const r = data[p]!;
      const g = data[p + 1]!;
      const b = data[p + 2]!;
      // Integer Rec. 601 luma, as PIL's convert("L"): a pure grey keeps its value exactly.
      const y = ((r * 299 + g * 587 + b * 114 + 500) / 1000) | 0;
      const v = GRAY[y]!;
      gray[i] = v;
      const c = cy + cellOfX[x]!;
      cells[c]! += v;
      counts[c]! += 1;
      grayHist[y >> 3]! += 1;
      graySum += y;
      graySq += y * y;
      if (y > 235) white++;
      else if (y < 20) black++;

      const max = r > g ? (r > b ? r : b) : g > b ? g : b;
      const min = r < g ? (r < b ? r : b) : g < b ? g : b;
      const chroma = max - min;
      if (chroma === 0) {
        satHist[0]! += 1; // s = 0: no hue, and nothing to add to the saturation sums
      } else {
        const s = chroma / max;
        satHist[Math.min(15, Math.floor(s * 16))]! += 1;
        satSum += s;
        satSq += s * s;
        if (s > 0.25 && max > 40) colourful++;
        // Hue in sextants [0, 6), then 24 bins.
        const hue = max === r ? (g - b) / chroma + (g < b ? 6 : 0) : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
        hueHist[Math.min(23, Math.floor(hue * 4))]! += chroma;
      }

      const rg = r - g;
      const yb = 0.5 * (r + g) - b;
      rgSum += rg;
      rgSq += rg * rg;
      ybSum += yb;
      ybSq += yb * yb;
    }
  }

  let o = putColour(out, { grayHist, hueHist, satHist, graySum, graySq, white, black, satSum, satSq, colourful, rgSum, rgSq, ybSum, ybSq }, n);
  o = putEdges(out, o, gray, w, h);
  putThumbnail(out, o, cells, counts);
  return out;
}

/** What the pixel loop gathers for the colour and tone parts. */
export type ColourSums = {
  grayHist: Float64Array;
  hueHist: Float64Array;
  satHist: Float64Array;
  graySum: number;
  graySq: number;
  white: number;
  black: number;
  satSum: number;
  satSq: number;
  colourful: number;
  rgSum: number;
  rgSq: number;
  ybSum: number;
  ybSq: number;
};

/** Writes the gray, hue and saturation histograms and the tone values of n pixels; returns the next offset. */
export function putColour(out: Float32Array, c: ColourSums, n: number): number {
  let o = 0;
  o = putHellinger(out, o, c.grayHist);
  o = putHellinger(out, o, c.hueHist);
  o = putHellinger(out, o, c.satHist);
  const grayMean = c.graySum / n;
  const satMean = c.satSum / n;
  const rgMean = c.rgSum / n;
  const ybMean = c.ybSum / n;
  const colourfulness = Math.sqrt(variance(c.rgSq, rgMean, n) + variance(c.ybSq, ybMean, n)) + 0.3 * Math.hypot(rgMean, ybMean);
  out[o++] = grayMean / 255;
  out[o++] = Math.sqrt(variance(c.graySq, grayMean, n)) / 255;
  out[o++] = c.white / n;
  out[o++] = c.black / n;
  out[o++] = satMean;
  out[o++] = Math.sqrt(variance(c.satSq, satMean, n));
  out[o++] = c.colourful / n;
  out[o++] = Math.min(1, colourfulness / 255);
  return o;
}

const variance = (sumSq: number, mean: number, n: number) => Math.max(0, sumSq / n - mean * mean);

/** Writes √(bin / total) for each bin; returns the next offset. An empty histogram stays zero. */
export function putHellinger(out: Float32Array, o: number, hist: Float64Array): number {
  let total = 0;
  for (const v of hist) total += v;
  for (let i = 0; i < hist.length; i++) out[o + i] = total > 0 ? Math.sqrt(hist[i]! / total) : 0;
  return o + hist.length;
}

/*
 * Bins without a search per pixel. Math.atan2 and two linear searches were
 * over half of the extractor's JavaScript time. A table indexed by the value
 * gives a first guess; a comparison on each side then moves it to the exact
 * bin (almost always by zero steps), so the result is the same as the search.
 *
 * The orientation bin is floor(16 · atan2(gy, gx) / π) over the angle folded
 * onto [0, π). It is found from q = gx / gy, which falls as the angle grows,
 * against the cotangents of the 15 bin edges; atan2 runs only for the rare
 * gradient within a relative 1e-9 of an edge or next to the x axis, where the
 * two ways could round differently. Elsewhere they cannot disagree: both are
 * exact to ~1e-16.
 */
const COT_EDGE = Float64Array.from({ length: 15 }, (_, k) => 1 / Math.tan(((k + 1) * Math.PI) / 16));
const NEAR_EDGE = 1e-9;
const Q_RANGE = 6; // |cot| of every edge is < 5.03: the table covers q in [−6, 6)
const Q_STEPS = 64;
const Q_GUESS = Uint8Array.from({ length: 2 * Q_RANGE * Q_STEPS }, (_, j) => {
  const q = j / Q_STEPS - Q_RANGE;
  return COT_EDGE.filter((c) => q <= c).length;
});

export function orientationBin(gx: number, gy: number): number {
  const q = gx / gy; // the same for (gx, gy) and (−gx, −gy): the fold onto [0, π) is free
  if (gy !== 0 && q < 1e12 && q > -1e12) {
    let bin = q < -Q_RANGE ? 15 : q >= Q_RANGE ? 0 : Q_GUESS[((q + Q_RANGE) * Q_STEPS) | 0]!;
    while (bin < 15 && q <= COT_EDGE[bin]!) bin++;
    while (bin > 0 && q > COT_EDGE[bin - 1]!) bin--;
    const margin = NEAR_EDGE * (1 + Math.abs(q));
    if ((bin === 0 || COT_EDGE[bin - 1]! - q > margin) && (bin === 15 || q - COT_EDGE[bin]! > margin)) return bin;
  }
  let angle = Math.atan2(gy, gx);
  if (angle < 0) angle += Math.PI;
  return Math.floor((angle / Math.PI) * 16) & 15;
}

/** The magnitude bin: how many of MAGNITUDE_BINS' upper bounds mag exceeds. */
const MAG_STEPS = 20; // every bound is a multiple of 1/20
const MAG_GUESS = Uint8Array.from({ length: 2 * MAG_STEPS }, (_, j) => MAGNITUDE_BINS.filter((b) => j / MAG_STEPS > b).length);

export function magnitudeBin(mag: number): number {
  let bin = MAG_GUESS[Math.min(2 * MAG_STEPS - 1, (mag * MAG_STEPS) | 0)]!;
  while (bin < MAGNITUDE_BINS.length && mag > MAGNITUDE_BINS[bin]!) bin++;
  while (bin > 0 && mag <= MAGNITUDE_BINS[bin - 1]!) bin--;
  return bin;
}

/** Orientation histogram, magnitude histogram and edge statistics from Sobel gradients of the interior pixels. */
function putEdges(out: Float32Array, o: number, gray: Float32Array, w: number, h: number): number {
  const orient = new Float64Array(16);
  const mags = new Float64Array(MAGNITUDE_BINS.length + 1);
  let flat = 0;
  let edges = 0;
  let strong = 0;
  let magSum = 0;
  const count = (w - 2) * (h - 2);
  for (let y = 1; y < h - 1; y++) {
    // A 3×3 window sliding right: each step reads only its new right column.
    let i = y * w + 1;
    let tl = gray[i - w - 1]!;
    let t = gray[i - w]!;
    let l = gray[i - 1]!;
    let c = gray[i]!;
    let bl = gray[i + w - 1]!;
    let b = gray[i + w]!;
    for (let x = 1; x < w - 1; x++, i++) {
      const tr = gray[i - w + 1]!;
      const r = gray[i + 1]!;
      const br = gray[i + w + 1]!;
      const gx = tr + 2 * r + br - (tl + 2 * l + bl);
      const gy = bl + 2 * b + br - (tl + 2 * t + tr);
      tl = t;
      t = tr;
      l = c;
      c = r;
      bl = b;
      b = br;
      const mag = Math.sqrt(gx * gx + gy * gy) / 4;
      magSum += mag;
      if (mag < FLAT) {
        flat++;
        continue;
      }
      if (mag > EDGE) edges++;
      if (mag > STRONG) strong++;
      // Undirected orientation: a dark-to-light edge and a light-to-dark one look alike.
      orient[orientationBin(gx, gy)]! += mag;
      mags[magnitudeBin(mag)]! += 1;
    }
  }
  o = putHellinger(out, o, orient);
  o = putHellinger(out, o, mags);
  out[o++] = flat / count;
  out[o++] = edges / count;
  out[o++] = strong / count;
  out[o++] = Math.min(1, magSum / count);
  return o;
}

/** 8×8 block means of the gray image (its cells' sums and pixel counts), centred and scaled to unit length (a blank image stays zero). */
export function putThumbnail(out: Float32Array, o: number, cells: Float64Array, counts: Float64Array): void {
  let mean = 0;
  for (let c = 0; c < 64; c++) {
    cells[c]! /= counts[c]!;
    mean += cells[c]! / 64;
  }
  let norm = 0;
  for (let c = 0; c < 64; c++) {
    cells[c]! -= mean;
    norm += cells[c]! * cells[c]!;
  }
  norm = Math.sqrt(norm);
  for (let c = 0; c < 64; c++) out[o + c] = norm > 1e-9 ? cells[c]! / norm : 0;
}
