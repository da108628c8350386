// Image bytes → 8-bit RGB pixels for the feature extractors, within the
// configured decoding limits, with failures worded for the person who
// uploaded the figure.
//
// Like PIL's Image.open(f).convert("RGB") (what torchvision's loader does):
// alpha is dropped without compositing, EXIF orientation and embedded ICC
// profiles are ignored, and only the first page/frame is read. CMYK JPEGs
// go through libvips' colour management rather than PIL's naive formula;
// such figures are rare.
import sharp, { type Sharp } from "sharp";
import { config } from "@/lib/config";

/** 8-bit RGB, 3 bytes a pixel, row-major. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An image that can't be used, with a reason meant for the person who uploaded it. */
export class ImageDecodeError extends Error {}

/**
 * Decodes `image` to RGB; `transform` may add libvips steps (a resize) that
 * then run in the same decode, with JPEG shrink-on-load where it applies.
 */
export async function decodeRgb(image: Buffer, transform: (s: Sharp) => Sharp = (s) => s): Promise<RgbImage> {
  const { maxPixels, maxBytes } = config().imageLimits;
  if (image.length > maxBytes) {
    throw new ImageDecodeError(`the file is ${formatBytes(image.length)}, over the ${formatBytes(maxBytes)} limit (IMAGE_MAX_BYTES); re-export it smaller`);
  }
  try {
    const { data, info } = await transform(sharp(image, { limitInputPixels: maxPixels, ignoreIcc: true }).removeAlpha())
      .raw()
      .toBuffer({ resolveWithObject: true });
    // sharp's raw output is 8-bit sRGB: grey is expanded to 3 channels, 16-bit scaled down.
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels}-channel output`);
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  } catch (err) {
    throw new ImageDecodeError(describeFailure(err, maxPixels));
  }
}

function describeFailure(err: unknown, maxPixels: number): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(msg)) {
    return `the image has more than ${maxPixels.toLocaleString("en-US")} pixels (IMAGE_MAX_PIXELS); downscale it or raise the limit`;
  }
  if (/unsupported image format/i.test(msg)) return "the file is not an image in a readable format; re-export it as JPEG or PNG";
  // libvips' wording varies by format ("premature end of JPEG image", "libpng read error", a warning promoted by failOn).
  if (/premature end|truncat|end of .*data|read error|warning treated as error|corrupt/i.test(msg)) {
    return "the image data is truncated or corrupt; upload the complete file or re-export it as JPEG or PNG";
  }
  return `the image could not be decoded (${msg.replace(/\s*\n\s*/g, "; ")}); re-export it as JPEG or PNG`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
