// Shared bits for the image makers: output formats, smooth noise, encoding.
import sharp from "sharp";
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
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const gy = y / cell;
    const y0 = Math.floor(gy);
    let ty = gy - y0;
    ty = ty * ty * (3 - 2 * ty);
    for (let x = 0; x < width; x++) {
      const gx = x / cell;
      const x0 = Math.floor(gx);
      let tx = gx - x0;
      tx = tx * tx * (3 - 2 * tx);
      const i = y0 * gw + x0;
      const a = grid[i]!;
      const b = grid[i + 1]!;
      const c = grid[i + gw]!;
      const d = grid[i + gw + 1]!;
      out[y * width + x] = (a + (b - a) * tx) * (1 - ty) + (c + (d - c) * tx) * ty;
    }
  }
  return out;
}

export const clamp255 = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);

/** Encodes with fixed settings and no metadata, so bytes depend only on pixels. */
export function encode(img: sharp.Sharp, format: ImageFormat): Promise<Buffer> {
  return format === "jpg"
    ? img.jpeg({ quality: 86, chromaSubsampling: "4:2:0" }).toBuffer()
    : img.png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer();
}

/** Raw 8-bit RGB pixels as a sharp pipeline. */
export function fromRgb(pixels: Uint8Array, width: number, height: number): sharp.Sharp {
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** An SVG document rendered by sharp (librsvg). */
export function fromSvg(svg: string): sharp.Sharp {
  return sharp(Buffer.from(svg), { density: 72 });
}

export function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Round for SVG attributes: short, stable strings. */
export const r1 = (v: number) => Math.round(v * 10) / 10;
