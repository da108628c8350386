// torchvision's ImageNet preprocessing, reproduced number for number:
//
//   Image.open(f).convert("RGB")      decode; alpha is dropped, not composited
//   transforms.Resize(256)            shorter side → 256, PIL bilinear (antialiased)
//   transforms.CenterCrop(224)
//   transforms.ToTensor()             uint8 / 255
//   transforms.Normalize(mean, std)
//
// PIL's resampling is done here in TS (libvips' bilinear differs from PIL's),
// including PIL's 8-bit fixed-point arithmetic and the rounding to uint8
// between the horizontal and the vertical pass, so features computed here
// match those of a PyTorch pipeline fed the same files. Decoding: decode.ts.
import { decodeRgb, type RgbImage } from "./decode";

export const RESIZE_SHORT_SIDE = 256;
export const CROP_SIZE = 224;
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
/** Floats in one preprocessed image: 3 × 224 × 224, channel-major (CHW). */
export const TENSOR_SIZE = 3 * CROP_SIZE * CROP_SIZE;

/**
 * torchvision Resize(size) with an int size: the shorter side becomes `size`,
 * the longer one int(size * long / short) (truncated, as Python's int()).
 */
export function resizedSize(width: number, height: number, size = RESIZE_SHORT_SIDE): { width: number; height: number } {
  const [short, long] = width <= height ? [width, height] : [height, width];
  const newLong = Math.trunc((size * long) / short);
  return width <= height ? { width: size, height: newLong } : { width: newLong, height: size };
}

/** torchvision CenterCrop's offset: int(round((size - crop) / 2)), with Python's round-half-to-even. */
export function centerCropOffset(size: number, crop: number): number {
  const x = (size - crop) / 2;
  const floor = Math.floor(x);
  if (x - floor !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** A region of the resized image; only these output pixels are computed. */
export interface Window {
  left: number;
  top: number;
  width: number;
  height: number;
}

// PIL's Resample.c, 8 bits per channel: filter weights become integers with
// 22 fraction bits (PRECISION_BITS = 32 - 8 - 2) and every pass rounds to uint8.
const PRECISION_BITS = 22;
const HALF = 1 << (PRECISION_BITS - 1);

/** Taps of one output sample: `count` source pixels from `first`, with integer weights. */
interface Coeffs {
  first: Int32Array;
  count: Int32Array;
  weights: Int32Array;
  ksize: number;
}

/**
 * PIL's precompute_coeffs for the bilinear (triangle) filter over an output
 * range [from, from + n): when shrinking, the filter's support grows with the
 * scale factor, which is what antialiases the result.
 */
function coefficients(inSize: number, outSize: number, from: number, n: number): Coeffs {
  const scale = inSize / outSize;
  const filterScale = Math.max(1, scale);
  const support = filterScale; // the triangle filter's support is 1
  const ksize = Math.ceil(support) * 2 + 1;
  const first = new Int32Array(n);
  const count = new Int32Array(n);
  const weights = new Int32Array(n * ksize);
  const w = new Float64Array(ksize);
  const ss = 1 / filterScale; // PIL multiplies by the reciprocal; dividing could differ in the last bit
  for (let i = 0; i < n; i++) {
    const center = (from + i + 0.5) * scale;
    // C casts to int, which truncates toward zero.
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const t = Math.abs((x + xmin - center + 0.5) * ss);
      w[x] = t < 1 ? 1 - t : 0;
      sum += w[x]!;
    }
    for (let x = 0; x < xmax; x++) {
      const k = sum !== 0 ? w[x]! / sum : w[x]!;
      // Weights are never negative for this filter: C's (int)(0.5 + k * 2^22).
      weights[i * ksize + x] = Math.trunc(0.5 + k * (1 << PRECISION_BITS));
    }
    first[i] = xmin;
    count[i] = xmax;
  }
  return { first, count, weights, ksize };
}

/** PIL's clip8: fixed-point sum → uint8. */
function clip8(v: number): number {
  if (v <= 0) return 0;
  const u = v >> PRECISION_BITS;
  return u > 255 ? 255 : u;
}

/**
 * PIL's Image.resize(size, Image.BILINEAR) on an RGB image, restricted to
 * `window` of the output: horizontal pass first, then vertical, as PIL does
 * (a pass is skipped when its dimension is unchanged).
 */
export function resizeBilinear(src: RgbImage, outWidth: number, outHeight: number, window?: Window): RgbImage {
  const win = window ?? { left: 0, top: 0, width: outWidth, height: outHeight };
  const needH = outWidth !== src.width;
  const needV = outHeight !== src.height;
  const vert = needV ? coefficients(src.height, outHeight, win.top, win.height) : null;

  // Source rows the vertical pass reads.
  const rowFrom = vert ? vert.first[0]! : win.top;
  const rowTo = vert ? vert.first[win.height - 1]! + vert.count[win.height - 1]! : win.top + win.height;

  // Horizontal pass over those rows only, into a uint8 buffer (PIL's imTemp).
  const tmpRows = rowTo - rowFrom;
  const tmp = new Uint8Array(tmpRows * win.width * 3);
  const sw = src.width * 3;
  if (needH) {
    const { first, count, weights, ksize } = coefficients(src.width, outWidth, win.left, win.width);
    for (let y = 0; y < tmpRows; y++) {
      const row = (rowFrom + y) * sw;
      let o = y * win.width * 3;
      for (let x = 0; x < win.width; x++) {
        let r = HALF;
        let g = HALF;
        let b = HALF;
        let p = row + first[x]! * 3;
        const k0 = x * ksize;
        const n = count[x]!;
        for (let t = 0; t < n; t++, p += 3) {
          const k = weights[k0 + t]!;
          r += src.data[p]! * k;
          g += src.data[p + 1]! * k;
          b += src.data[p + 2]! * k;
        }
        tmp[o++] = clip8(r);
        tmp[o++] = clip8(g);
        tmp[o++] = clip8(b);
      }
    }
  } else {
    for (let y = 0; y < tmpRows; y++) {
      const start = (rowFrom + y) * sw + win.left * 3;
      tmp.set(src.data.subarray(start, start + win.width * 3), y * win.width * 3);
    }
  }
  if (!vert) return { width: win.width, height: win.height, data: tmp };

  // Vertical pass.
  const out = new Uint8Array(win.width * win.height * 3);
  const tw = win.width * 3;
  const { first, count, weights, ksize } = vert;
  for (let y = 0; y < win.height; y++) {
    const y0 = first[y]! - rowFrom;
    const n = count[y]!;
    const k0 = y * ksize;
    const o = y * tw;
    for (let c = 0; c < tw; c++) {
      let s = HALF;
      for (let t = 0; t < n; t++) s += tmp[(y0 + t) * tw + c]! * weights[k0 + t]!;
      out[o + c] = clip8(s);
    }
  }
  return { width: win.width, height: win.height, data: out };
}

/** Resize(256) + CenterCrop(224) of decoded pixels: a 224×224 RGB image. */
export function resizeAndCrop(rgb: RgbImage): RgbImage {
  const size = resizedSize(rgb.width, rgb.height);
  const window = {
    left: centerCropOffset(size.width, CROP_SIZE),
    top: centerCropOffset(size.height, CROP_SIZE),
    width: CROP_SIZE,
    height: CROP_SIZE,
  };
  return resizeBilinear(rgb, size.width, size.height, window);
}

// ToTensor then Normalize, both in float32 as torch computes them: a table per channel.
const NORMALIZED = IMAGENET_MEAN.map((mean, c) => {
  const table = new Float32Array(256);
  const m = Math.fround(mean);
  const s = Math.fround(IMAGENET_STD[c]!);
  for (let v = 0; v < 256; v++) table[v] = Math.fround(Math.fround(v / 255) - m) / s;
  return table;
}) as [Float32Array, Float32Array, Float32Array];

/** Writes the normalised 224×224 crop as CHW float32 into `out` from `offset`. */
export function normalizeInto(crop: RgbImage, out: Float32Array, offset: number): void {
  if (crop.width !== CROP_SIZE || crop.height !== CROP_SIZE) throw new Error(`expected a ${CROP_SIZE}×${CROP_SIZE} crop`);
  const plane = CROP_SIZE * CROP_SIZE;
  const [r, g, b] = NORMALIZED;
  for (let i = 0, p = 0; i < plane; i++, p += 3) {
    out[offset + i] = r[crop.data[p]!]!;
    out[offset + plane + i] = g[crop.data[p + 1]!]!;
    out[offset + 2 * plane + i] = b[crop.data[p + 2]!]!;
  }
}

/** The full torchvision preprocessing of one encoded image: 3×224×224 float32, CHW. */
export async function preprocess(image: Buffer): Promise<Float32Array> {
  const out = new Float32Array(TENSOR_SIZE);
  normalizeInto(resizeAndCrop(await decodeRgb(image)), out, 0);
  return out;
}
