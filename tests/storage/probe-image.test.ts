// The JS header probe against real files made by sharp: it must agree with
// libvips wherever it answers, decline (null) whatever it is unsure of, and
// leave every check of storeImageBytes (pixel limit, trailer, unreadable
// files) as strict as before.
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { probeImage } from "@/lib/storage/probe-image";
import { ImageRejected, storeImageBytes } from "@/lib/storage/image-store";

const W = 37;
const H = 23;
const raw = Buffer.alloc(W * H * 3).map((_, i) => (i * 13 + (i >> 7)) % 256);
const base = () => sharp(raw, { raw: { width: W, height: H, channels: 3 } });

const images: Record<string, () => Promise<Buffer>> = {
  "PNG RGB 8-bit": () => base().png().toBuffer(),
  "PNG RGBA": () => base().ensureAlpha(0.5).png().toBuffer(),
  "PNG RGB 16-bit": () => base().toColourspace("rgb16").png().toBuffer(),
  "PNG grey 16-bit": () => base().toColourspace("grey16").png().toBuffer(),
  "PNG palette": () => base().png({ palette: true }).toBuffer(),
  "PNG interlaced": () => base().png({ progressive: true }).toBuffer(),
  "JPEG baseline": () => base().jpeg().toBuffer(),
  "JPEG progressive": () => base().jpeg({ progressive: true }).toBuffer(),
  "JPEG CMYK": () => base().toColourspace("cmyk").jpeg().toBuffer(),
  "JPEG grey": () => base().toColourspace("b-w").jpeg().toBuffer(),
  "JPEG with EXIF orientation and ICC profile": () => base().withMetadata({ orientation: 6 }).jpeg().toBuffer(),
};

/** Offset of the first JPEG marker `marker` (0xFF, marker). */
const markerAt = (b: Buffer, marker: number) => {
  for (let i = 2; i + 1 < b.length; i++) if (b[i] === 0xff && b[i + 1] === marker) return i;
  throw new Error(`no marker ${marker.toString(16)}`);
};

/** A copy of a PNG whose IHDR says width × height, its CRC made right again. */
function pngClaiming(png: Buffer, width: number, height: number): Buffer {
  const b = Buffer.from(png);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.writeUInt32BE(crc32(b.subarray(12, 29)), 29);
  return b;
}

const rejected = (bytes: Buffer) => storeImageBytes(bytes).then(() => "stored", (e: Error) => (e instanceof ImageRejected ? e.message : `other: ${e.message}`));

describe("probeImage agrees with libvips", () => {
  for (const [name, make] of Object.entries(images)) {
    it(name, async () => {
      const bytes = await make();
      const meta = await sharp(bytes).metadata();
      expect(probeImage(bytes)).toEqual({ width: meta.width, height: meta.height, format: meta.format });
      expect(await storeImageBytes(bytes)).toMatchObject({ width: W, height: H, format: meta.format, bytes: bytes.length });
    });
  }

  it("declines other formats, and storeImageBytes still reads them through libvips", async () => {
    const webp = await base().webp().toBuffer();
    const gif = await base().gif().toBuffer();
    const tiff = await base().tiff().toBuffer();
    for (const b of [webp, gif, tiff]) expect(probeImage(b)).toBeNull();
    expect(await storeImageBytes(webp)).toMatchObject({ width: W, height: H, format: "webp" });
    expect(await storeImageBytes(tiff)).toMatchObject({ width: W, height: H, format: "tiff" });
  });
});

describe("probeImage declines what it is unsure of; the checks stay as strict", () => {
  it("a lying PNG header is refused by the pixel limit before any decode", async () => {
    const bomb = pngClaiming(await images["PNG RGB 8-bit"]!(), 100_000, 100_000);
    expect(probeImage(bomb)).toEqual({ width: 100_000, height: 100_000, format: "png" });
    expect(await rejected(bomb)).toMatch(/100000×100000 pixels, over the .* pixel limit/);
  });

  it("a PNG header whose CRC does not match, or with an impossible bit depth, goes to libvips, which decides as before", async () => {
    const png = await images["PNG RGB 8-bit"]!();
    const badCrc = Buffer.from(png);
    badCrc.writeUInt32BE(1000, 16); // width changed, CRC left stale
    const badDepth = Buffer.from(png);
    badDepth[24] = 3; // 3-bit RGB does not exist
    badDepth.writeUInt32BE(crc32(badDepth.subarray(12, 29)), 29);
    expect(probeImage(badCrc)).toBeNull();
    expect(probeImage(badDepth)).toBeNull();
    // libvips reads past the CRC (the thumbnail job's full decode fails later), and refuses the bit depth.
    expect(await storeImageBytes(badCrc)).toMatchObject({ width: 1000, height: H, format: "png" });
    expect(await rejected(badDepth)).toMatch(/not a readable image/);
  });

  it("truncated files: a cut header is declined; a cut body passes the probe and fails the trailer check", async () => {
    const png = await images["PNG RGB 8-bit"]!();
    const jpeg = await images["JPEG progressive"]!();
    expect(probeImage(png.subarray(0, 30))).toBeNull();
    const sos = markerAt(jpeg, 0xda);
    expect(probeImage(jpeg.subarray(0, sos))).toBeNull(); // no scan yet: libvips decides
    for (const cut of [png.subarray(0, png.length - 20), jpeg.subarray(0, jpeg.length - 40)]) {
      expect(probeImage(cut)).not.toBeNull();
      expect(await rejected(cut)).toMatch(/truncated/);
    }
    expect(await rejected(jpeg.subarray(0, sos))).toMatch(/truncated|not a readable image/);
  });

  it("a JPEG frame header that lies or is exotic goes to libvips", async () => {
    const jpeg = await images["JPEG baseline"]!();
    const sof = markerAt(jpeg, 0xc0);
    const zeroHeight = Buffer.from(jpeg);
    zeroHeight.writeUInt16BE(0, sof + 5);
    const tooWide = Buffer.from(jpeg);
    tooWide.writeUInt16BE(65_535, sof + 7);
    const twelveBit = Buffer.from(jpeg);
    twelveBit[sof + 4] = 12;
    const arithmetic = Buffer.from(jpeg);
    arithmetic[sof + 1] = 0xc9;
    const badLength = Buffer.from(jpeg);
    badLength.writeUInt16BE(0xfff0, sof + 2);
    for (const b of [zeroHeight, tooWide, twelveBit, arithmetic, badLength]) expect(probeImage(b)).toBeNull();
    expect(await rejected(tooWide)).toMatch(/not a readable image.*65500/);
  });

  it("bytes that are no image at all are refused per file", async () => {
    for (const b of [Buffer.from("definitely not a jpeg"), Buffer.from([0xff, 0xd8, 0xff]), Buffer.from([0x89, 0x50, 0x4e, 0x47])]) {
      expect(probeImage(b)).toBeNull();
      expect(await rejected(b)).toMatch(/not a readable image/);
    }
  });
});
