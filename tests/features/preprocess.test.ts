// Preprocessing checked two ways: cases whose result can be worked out by
// hand, and a comparison with PIL + numpy running torchvision's recipe
// (Debian's python3-pil / python3-numpy; skipped with a message when absent).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { resetConfig } from "@/lib/config";
import { ImageDecodeError, decodeRgb } from "@/lib/features/decode";
import { CROP_SIZE, IMAGENET_MEAN, IMAGENET_STD, TENSOR_SIZE, centerCropOffset, preprocess, resizedSize } from "@/lib/features/preprocess";

const PLANE = CROP_SIZE * CROP_SIZE;
const normalized = (v: number, c: number) => (v / 255 - IMAGENET_MEAN[c]!) / IMAGENET_STD[c]!;
const at = (t: Float32Array, c: number, y: number, x: number) => t[c * PLANE + y * CROP_SIZE + x]!;

function rawImage(width: number, height: number, channels: 1 | 3 | 4, pixel: (x: number, y: number, c: number) => number) {
  const data = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < channels; c++) data[(y * width + x) * channels + c] = pixel(x, y, c);
  return sharp(data, { raw: { width, height, channels } });
}

/** Deterministic texture with fine detail, so antialiasing and rounding matter. */
function texture(seed: number) {
  return (x: number, y: number, c: number) => {
    const h = Math.imul(x * 73856093 ^ y * 19349663 ^ (c + seed) * 83492791, 0x9e3779b1) >>> 24;
    return Math.round(0.6 * h + 0.4 * ((x * (c + 1) * 3 + y * 2) % 256));
  };
}

describe("output geometry (torchvision's formulas)", () => {
  it("resizes the shorter side to 256 and truncates the longer one", () => {
    expect(resizedSize(517, 333)).toEqual({ width: 397, height: 256 }); // int(256 * 517 / 333) = int(397.45…)
    expect(resizedSize(300, 641)).toEqual({ width: 256, height: 546 });
    expect(resizedSize(100, 80)).toEqual({ width: 320, height: 256 });
    expect(resizedSize(256, 256)).toEqual({ width: 256, height: 256 });
  });

  it("centres the crop with Python's round-half-to-even", () => {
    expect(centerCropOffset(256, 224)).toBe(16);
    expect(centerCropOffset(337, 224)).toBe(56); // round(56.5) = 56
    expect(centerCropOffset(339, 224)).toBe(58); // round(57.5) = 58
    expect(centerCropOffset(224, 224)).toBe(0);
  });
});

describe("hand-computable images", () => {
  it("a constant colour gives exactly the normalised constant everywhere", async () => {
    const png = await rawImage(517, 333, 3, (_x, _y, c) => [10, 200, 77][c]!).png().toBuffer();
    const t = await preprocess(png);
    expect(t.length).toBe(TENSOR_SIZE);
    for (let c = 0; c < 3; c++) {
      const want = normalized([10, 200, 77][c]!, c);
      let max = 0;
      for (let i = 0; i < PLANE; i++) max = Math.max(max, Math.abs(t[c * PLANE + i]! - want));
      expect(max).toBeLessThan(1e-6);
    }
  });

  it("a red|blue split keeps pure colours away from the edge and blends across it", async () => {
    // 600×300 → 512×256 (scale s = 600/512); the crop starts at x = 144, so crop x = 111 is
    // resized x = 255, centred on source x = 255.5·s = 299.41. Its triangle filter (half-width s)
    // weighs source pixels 298, 299 (red) and 300 (blue) by 1 − |i + 0.5 − centre| / s.
    const png = await rawImage(600, 300, 3, (x, _y, c) => (x < 300 ? [255, 0, 0] : [0, 0, 255])[c]!).png().toBuffer();
    const t = await preprocess(png);
    const s = 600 / 512;
    const w = (i: number, centre: number) => Math.max(0, 1 - Math.abs(i + 0.5 - centre) / s);
    const redShare = (centre: number) => {
      const taps = [297, 298, 299, 300, 301, 302];
      const total = taps.reduce((sum, i) => sum + w(i, centre), 0);
      return taps.filter((i) => i < 300).reduce((sum, i) => sum + w(i, centre), 0) / total;
    };
    const red111 = Math.round(255 * redShare(255.5 * s)); // 240
    const red112 = Math.round(255 * redShare(256.5 * s)); // 15
    expect([red111, red112]).toEqual([240, 15]);
    for (const y of [0, 100, 223]) {
      expect(at(t, 0, y, 20)).toBeCloseTo(normalized(255, 0), 5);
      expect(at(t, 2, y, 20)).toBeCloseTo(normalized(0, 2), 5);
      expect(at(t, 0, y, 200)).toBeCloseTo(normalized(0, 0), 5);
      expect(at(t, 2, y, 200)).toBeCloseTo(normalized(255, 2), 5);
      expect(at(t, 0, y, 111)).toBeCloseTo(normalized(red111, 0), 5);
      expect(at(t, 2, y, 111)).toBeCloseTo(normalized(255 - red111, 2), 5);
      expect(at(t, 0, y, 112)).toBeCloseTo(normalized(red112, 0), 5);
      expect(at(t, 2, y, 112)).toBeCloseTo(normalized(255 - red112, 2), 5);
    }
  });

  it("drops alpha without compositing, as PIL's convert('RGB') does", async () => {
    const png = await rawImage(300, 300, 4, (_x, _y, c) => [30, 60, 90, 0][c]!).png().toBuffer();
    const t = await preprocess(png);
    expect(at(t, 0, 5, 5)).toBeCloseTo(normalized(30, 0), 5);
    expect(at(t, 2, 100, 100)).toBeCloseTo(normalized(90, 2), 5);
  });
});

describe("bad input", () => {
  afterEach(() => {
    delete process.env.IMAGE_MAX_PIXELS;
    delete process.env.IMAGE_MAX_BYTES;
    resetConfig();
  });

  it("names the reason for undecodable bytes", async () => {
    await expect(decodeRgb(Buffer.from("this is not an image"))).rejects.toThrow(ImageDecodeError);
    await expect(decodeRgb(Buffer.from("this is not an image"))).rejects.toThrow(/not an image in a readable format/);
  });

  it("calls a cut-off file truncated", async () => {
    const jpeg = await rawImage(300, 200, 3, texture(8)).jpeg().toBuffer();
    await expect(decodeRgb(jpeg.subarray(0, jpeg.length >> 1))).rejects.toThrow(/truncated or corrupt/);
  });

  it("refuses images over IMAGE_MAX_PIXELS", async () => {
    const png = await rawImage(200, 100, 3, () => 128).png().toBuffer();
    process.env.IMAGE_MAX_PIXELS = "10000";
    resetConfig();
    await expect(decodeRgb(png)).rejects.toThrow(/more than 10,000 pixels \(IMAGE_MAX_PIXELS\)/);
  });

  it("refuses files over IMAGE_MAX_BYTES before decoding", async () => {
    process.env.IMAGE_MAX_BYTES = "100";
    resetConfig();
    await expect(decodeRgb(Buffer.alloc(2 * 1024 * 1024))).rejects.toThrow("the file is 2.0 MB, over the 100 bytes limit (IMAGE_MAX_BYTES)");
  });
});

// torchvision's recipe in PIL + numpy, independent of the code under test.
const PIL_REFERENCE = `
import sys, numpy as np
from PIL import Image
mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
std = np.array([0.229, 0.224, 0.225], dtype=np.float32)
for path in sys.argv[1:]:
    img = Image.open(path).convert("RGB")
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    ns, nl = 256, int(256 * long / short)
    nw, nh = (ns, nl) if w <= h else (nl, ns)
    if (nw, nh) != (w, h):
        img = img.resize((nw, nh), Image.BILINEAR)
    top, left = int(round((nh - 224) / 2.0)), int(round((nw - 224) / 2.0))
    a = np.asarray(img.crop((left, top, left + 224, top + 224)), dtype=np.float32) / np.float32(255)
    a = (a - mean) / std
    sys.stdout.buffer.write(np.ascontiguousarray(a.transpose(2, 0, 1)).astype("<f4").tobytes())
`;
const PYTHON = "/usr/bin/python3";
const hasPil = spawnSync(PYTHON, ["-c", "import PIL, numpy"]).status === 0;
if (!hasPil) console.warn(`PIL comparison skipped: ${PYTHON} can't import PIL and numpy (apt-get install -y python3-pil python3-numpy)`);

describe.skipIf(!hasPil)("against PIL + numpy", () => {
  const cases: [string, () => Promise<Buffer>][] = [
    ["517×333 PNG (odd sizes, downscale)", () => rawImage(517, 333, 3, texture(1)).png().toBuffer()],
    ["300×641 JPEG (portrait)", () => rawImage(300, 641, 3, texture(2)).jpeg({ quality: 90 }).toBuffer()],
    ["100×80 PNG (tiny: upscale)", () => rawImage(100, 80, 3, texture(3)).png().toBuffer()],
    ["256×401 PNG (width kept: vertical pass only)", () => rawImage(256, 401, 3, texture(4)).png().toBuffer()],
    ["1500×1100 JPEG (large downscale)", () => rawImage(1500, 1100, 3, texture(5)).jpeg({ quality: 85 }).toBuffer()],
    ["RGBA PNG with varying alpha", () => rawImage(420, 310, 4, (x, y, c) => (c === 3 ? (x * 7 + y) % 256 : texture(6)(x, y, c))).png().toBuffer()],
    ["grayscale JPEG", () => rawImage(350, 261, 1, texture(7)).jpeg({ quality: 88 }).toBuffer()],
  ];

  it("matches torchvision's numbers", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "preprocess-"));
    const files: string[] = [];
    const ours: Float32Array[] = [];
    for (const [i, [, make]] of cases.entries()) {
      const buf = await make();
      const file = path.join(dir, `case${i}`);
      writeFileSync(file, buf);
      files.push(file);
      ours.push(await preprocess(buf));
    }
    const out = execFileSync(PYTHON, ["-c", PIL_REFERENCE, ...files], { maxBuffer: 64 << 20 });
    const ref = new Float32Array(out.buffer, out.byteOffset, out.length / 4);
    expect(ref.length).toBe(cases.length * TENSOR_SIZE);
    const report: string[] = [];
    let worst = 0;
    let worstLossless = 0;
    cases.forEach(([name], i) => {
      let max = 0;
      let mismatched = 0;
      for (let k = 0; k < TENSOR_SIZE; k++) {
        const d = Math.abs(ours[i]![k]! - ref[i * TENSOR_SIZE + k]!);
        if (d > max) max = d;
        if (d > 1e-6) mismatched++;
      }
      worst = Math.max(worst, max);
      if (name.includes("PNG")) worstLossless = Math.max(worstLossless, max);
      report.push(`${name}: max |diff| ${max.toExponential(2)}, ${mismatched} of ${TENSOR_SIZE} values differ`);
    });
    console.log(`preprocessing vs PIL ${execFileSync(PYTHON, ["-c", "import PIL; print(PIL.__version__)"]).toString().trim()}:\n  ${report.join("\n  ")}`);
    // PNG decoding is exact everywhere, so any difference there is the resampler's.
    expect(worstLossless).toBeLessThan(1e-6);
    // JPEG decoders may differ by a level between libjpeg builds: 1/255/0.225 ≈ 0.017.
    expect(worst).toBeLessThan(2e-2);
  });
});
