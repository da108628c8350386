// Width, height and format of a PNG or JPEG read from its header bytes, in
// JS: the import checks every image, and asking libvips for the same three
// numbers cost ~110 µs of CPU per image (B1 in docs/benchmarks.md).
//
// It answers only for the plain, well-formed cases; for anything else
// (other formats, 12-bit or arithmetic-coded JPEG, odd PNG chunks, a header
// that does not add up) it returns null and the caller asks sharp, which
// then accepts or rejects the file exactly as before. No pixel is decoded
// here, so the caller's pixel limit still applies before any decode.
import { crc32 } from "node:zlib";

export type Probed = { width: number; height: number; format: "png" | "jpeg" };

/** Longest side: the PNG format's limit; for JPEG, the longest libjpeg decodes (it refuses more). */
const PNG_MAX_SIDE = 0x7fffffff;
const JPEG_MAX_SIDE = 65_500;

export function probeImage(b: Buffer): Probed | null {
  if (isPng(b)) return probePng(b);
  if (b.length > 2 && b[0] === 0xff && b[1] === 0xd8) return probeJpeg(b);
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (b: Buffer) => b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE);

/** Bit depths each PNG colour type allows (grey, -, RGB, palette, grey+alpha, -, RGBA). */
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

/**
 * IHDR first, then every chunk up to the first IDAT walked with its length
 * in bounds and its CRC right (what the decoder reads before any pixel).
 */
function probePng(b: Buffer): Probed | null {
  let at = 8;
  let ihdr: { width: number; height: number; colorType: number } | null = null;
  let palette = false;
  for (;;) {
    if (at + 12 > b.length) return null;
    const length = b.readUInt32BE(at);
    const type = b.toString("latin1", at + 4, at + 8);
    if (ihdr && type === "IDAT") {
      // The image data starts: what follows is the decoder's (and the trailer check's) business.
      if (ihdr.colorType === 3 && !palette) return null;
      return { width: ihdr.width, height: ihdr.height, format: "png" };
    }
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > b.length) return null;
    if (b.readUInt32BE(end - 4) !== crc32(b.subarray(at + 4, end - 4))) return null;
    if (!ihdr) {
      if (type !== "IHDR" || length !== 13) return null;
      ihdr = readIhdr(b.subarray(at + 8, at + 21));
      if (!ihdr) return null;
    } else if (type === "PLTE") palette = true;
    else if (type === "IHDR" || type === "IEND") return null;
    at = end;
  }
}

function readIhdr(h: Buffer): { width: number; height: number; colorType: number } | null {
  const width = h.readUInt32BE(0);
  const height = h.readUInt32BE(4);
  const [depth, colorType, compression, filter, interlace] = [h[8]!, h[9]!, h[10]!, h[11]!, h[12]!];
  if (!inRange(width, PNG_MAX_SIDE) || !inRange(height, PNG_MAX_SIDE)) return null;
  if (!PNG_DEPTHS[colorType]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1) return null;
  return { width, height, colorType };
}

/**
 * Walks the markers from SOI to the first scan (SOS), as libjpeg's header
 * read does; answers for 8-bit baseline, extended or progressive Huffman
 * JPEGs with 1, 3 or 4 components (grey, YCbCr/RGB, CMYK/YCCK).
 */
function probeJpeg(b: Buffer): Probed | null {
  let size: { width: number; height: number } | null = null;
  let at = 2;
  for (;;) {
    if (at + 4 > b.length || b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length (TEM, RSTn, SOI, EOI) do not belong before the first scan.
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) return null;
    const length = b.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > b.length) return null;
    if (marker === 0xda) return size && { ...size, format: "jpeg" };
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      if (size) return null; // a second frame header
      size = readSof(b.subarray(at + 4, end));
      if (!size) return null;
    } else if (marker >= 0xc3 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return null; // lossless, hierarchical or arithmetic-coded: let libjpeg decide
    }
    at = end;
  }
}

function readSof(s: Buffer): { width: number; height: number } | null {
  if (s.length < 6) return null;
  const precision = s[0]!;
  const height = s.readUInt16BE(1);
  const width = s.readUInt16BE(3);
  const components = s[5]!;
  if (precision !== 8 || ![1, 3, 4].includes(components) || s.length !== 6 + 3 * components) return null;
  if (!inRange(width, JPEG_MAX_SIDE) || !inRange(height, JPEG_MAX_SIDE)) return null;
  return { width, height };
}

const inRange = (n: number, max: number) => n >= 1 && n <= max;
