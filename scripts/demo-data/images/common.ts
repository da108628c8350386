// Shared bits for the image makers: output formats, smooth noise, encoding.
import sharp, { type Sharp } from "sharp";
import type { Rng } from "../prng";

export type ImageFormat = "jpg" | "png";
export type ImageRequest = { width: number; height: number; format: ImageFormat };

/** DejaVu ships with most Linux images and is what fontconfig finds here. */
export const FONT = "DejaVu Sans, Arial, Helvetica, sans-serif";

/**
 * Value noise in [0, 1): random values on a coarse grid, smoothly interpolated.
 * `cell` is the grid spacing in pixels (bigger = blurrier blobs).
 */
export function valueNoise(rng: Rng, width: number, height: number, cell: number): Float32Array {
  const gw = Math.ceil(width / cell) + 2;
  const gh = Math.ceil(height / cell) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next();
  // Separable: first interpolate every grid row along x, then blend rows along y.
  const rows = new Float32Array(gh * width);
  for (let x = 0; x < width; x++) {
    const gx = x / cell;
    const x0 = Math.floor(gx);
    const t = gx - x0;
    const tx = t * t * (3 - 2 * t);
    for (let r = 0; r < gh; r++) {
      const a = grid[r * gw + x0]!;
      rows[r * width + x] = a + (grid[r * gw + x0 + 1]! - a) * tx;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    const t = gy - y0;
    const ty = t * t * (3 - 2 * t);
    const a = y0 * width;
    const b = a + width;
    const o = y * width;
    for (let x = 0; x < width; x++) out[o + x] = rows[a + x]! + (rows[b + x]! - rows[a + x]!) * ty;
  }
  return out;
}

export const clamp255 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Encodes with fixed settings and no metadata, so bytes depend only on pixels. */
export function encode(img: Sharp, format: ImageFormat): Promise<Buffer> {
  return format === "jpg"
    ? img.jpeg({ quality: 86, chromaSubsampling: "4:2:0" }).toBuffer()
    : img.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
}

/**
 * Pixel-drawn kinds are computed at half size and upscaled: four times less
 * JavaScript per image, and the softer texture suits scans and photos.
 */
export const PIXEL_SCALE = 0.5;

/** Raw 8-bit RGB pixels as a sharp pipeline, upscaled (bilinear, in JS: cheaper than libvips here) to the output size. */
export function fromRgb(pixels: Uint8Array, width: number, height: number, outWidth = width, outHeight = height): Sharp {
  const px = outWidth === width && outHeight === height ? pixels : upscale(pixels, width, height, outWidth, outHeight);
  return sharp(px, { raw: { width: outWidth, height: outHeight, channels: 3 } });
}

function upscale(src: Uint8Array, w: number, h: number, W: number, H: number): Uint8Array {
  const out = new Uint8Array(W * H * 3);
  const sx = (w - 1) / Math.max(1, W - 1);
  const sy = (h - 1) / Math.max(1, H - 1);
  for (let y = 0; y < H; y++) {
    const fy = y * sy;
    const y0 = Math.floor(fy);
    const y1 = Math.min(h - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = x * sx;
      const x0 = Math.floor(fx);
      const x1 = Math.min(w - 1, x0 + 1);
      const tx = fx - x0;
      const a = (y0 * w + x0) * 3;
      const b = (y0 * w + x1) * 3;
      const c = (y1 * w + x0) * 3;
      const d = (y1 * w + x1) * 3;
      const o = (y * W + x) * 3;
      for (let k = 0; k < 3; k++) {
        const top = src[a + k]! + (src[b + k]! - src[a + k]!) * tx;
        const bottom = src[c + k]! + (src[d + k]! - src[c + k]!) * tx;
        out[o + k] = top + (bottom - top) * ty + 0.5;
      }
    }
  }
  return out;
}

/** An SVG document rendered by sharp (librsvg). */
export function fromSvg(svg: string): Sharp {
  return sharp(Buffer.from(svg), { density: 72 });
}

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Round for SVG attributes: short, stable strings. */
export const r1 = (v: number) => Math.round(v * 10) / 10;
