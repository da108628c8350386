// The built-in extractor's pixel loops as first written, kept as the
// reference for the faster ones in lib/features/builtin.ts: a division per
// pixel for the gray image, Math.atan2 and linear searches for every edge
// pixel's bins, a separate pass for the thumbnail. They share only the code
// that writes the vector from the sums; builtin.test.ts checks the two agree
// bit for bit.
import { BUILTIN_DIM, putColour, putHellinger, putThumbnail } from "@/lib/features/builtin";
import type { RgbImage } from "@/lib/features/decode";

// Magnitudes are of a gray image in [0, 1], divided by 4 (Sobel's gain), so a full black/white step is 1.
const FLAT = 0.02;
const EDGE = 0.1;
const STRONG = 0.3;
const MAGNITUDE_BINS = [0.05, 0.1, 0.2, 0.3, 0.45, 0.65, 0.9]; // upper bounds; the last bin is open

/** The feature vector of an RGB image (at least 8×8; the extractor passes 128×128). */
export function builtinFeaturesReference(img: RgbImage): Float32Array {
  const { width: w, height: h, data } = img;
  if (w < 8 || h < 8) throw new Error(`builtinFeatures needs at least 8×8 pixels, got ${w}×${h}`);
  const n = w * h;
  const out = new Float32Array(BUILTIN_DIM);
  const gray = new Float32Array(n);
  const grayHist = new Float64Array(32);
  const hueHist = new Float64Array(24);
  const satHist = new Float64Array(16);
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

  for (let i = 0, p = 0; i < n; i++, p += 3) {
    const r = data[p]!;
    const g = data[p + 1]!;
    const b = data[p + 2]!;
    // Integer Rec. 601 luma, as PIL's convert("L"): a pure grey keeps its value exactly.
    const y = ((r * 299 + g * 587 + b * 114 + 500) / 1000) | 0;
    gray[i] = y / 255;
    grayHist[y >> 3]! += 1;
    graySum += y;
    graySq += y * y;
    if (y > 235) white++;
    else if (y < 20) black++;

    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const chroma = max - min;
    const s = max === 0 ? 0 : chroma / max;
    satHist[Math.min(15, Math.floor(s * 16))]! += 1;
    satSum += s;
    satSq += s * s;
    if (s > 0.25 && max > 40) colourful++;
    if (chroma > 0) {
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

  let o = putColour(out, { grayHist, hueHist, satHist, graySum, graySq, white, black, satSum, satSq, colourful, rgSum, rgSq, ybSum, ybSq }, n);
  o = putEdges(out, o, gray, w, h);
  putThumbnailPlain(out, o, gray, w, h);
  return out;
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
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const tl = gray[i - w - 1]!;
      const t = gray[i - w]!;
      const tr = gray[i - w + 1]!;
      const l = gray[i - 1]!;
      const r = gray[i + 1]!;
      const bl = gray[i + w - 1]!;
      const b = gray[i + w]!;
      const br = gray[i + w + 1]!;
      const gx = tr + 2 * r + br - (tl + 2 * l + bl);
      const gy = bl + 2 * b + br - (tl + 2 * t + tr);
      const mag = Math.sqrt(gx * gx + gy * gy) / 4;
      magSum += mag;
      if (mag < FLAT) {
        flat++;
        continue;
      }
      if (mag > EDGE) edges++;
      if (mag > STRONG) strong++;
      // Undirected orientation: a dark-to-light edge and a light-to-dark one look alike,
      // so angles fold onto [0, π] and π wraps to bin 0.
      let angle = Math.atan2(gy, gx);
      if (angle < 0) angle += Math.PI;
      orient[Math.floor((angle / Math.PI) * 16) & 15]! += mag;
      let bin = 0;
      while (bin < MAGNITUDE_BINS.length && mag > MAGNITUDE_BINS[bin]!) bin++;
      mags[bin]! += 1;
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

/** 8×8 block means of the gray image, summed pixel by pixel, then centred and scaled as the extractor does. */
function putThumbnailPlain(out: Float32Array, o: number, gray: Float32Array, w: number, h: number): void {
  const cells = new Float64Array(64);
  const counts = new Float64Array(64);
  for (let y = 0; y < h; y++) {
    const cy = Math.min(7, Math.floor((y * 8) / h)) * 8;
    for (let x = 0; x < w; x++) {
      const c = cy + Math.min(7, Math.floor((x * 8) / w));
      cells[c]! += gray[y * w + x]!;
      counts[c]! += 1;
    }
  }
  putThumbnail(out, o, cells, counts);
}
