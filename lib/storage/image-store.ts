// Content-addressed image store: every image lives once, under the SHA-256
// of its bytes, in a local folder (config().imageStoreDir). The database and
// job payloads only ever hold the hash.
import { createHash, randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import { config } from "@/lib/config";
import { probeImage } from "./probe-image";

// One libvips thread per call: the import runs several images at once, and
// 2-core machines choke when each call also fans out.
sharp.concurrency(1);
sharp.cache(false);

export type StoredImage = { hash: string; width: number; height: number; format: string; bytes: number };

export class ImageRejected extends Error {}

const WEB_FORMATS = new Set(["jpeg", "png", "gif", "webp"]);

// One level of 256 folders: a two-level layout (ab/cd/<hash>) made an
// 80,000-image import create ~45,000 folders, each an inode the kernel
// allocates slowly (see B1 in docs/benchmarks.md); stores in that layout are
// flattened by `npm run db:migrate` (lib/storage/store-layout.ts).
function shard(root: string, hash: string, suffix = ""): string {
  return path.join(root, hash.slice(0, 2), hash + suffix);
}

export const originalPath = (hash: string) => shard(config().imageStoreDir, hash);
export const thumbPath = (hash: string) => shard(path.join(config().imageStoreDir, "thumbs"), hash, ".webp");
export const previewPath = (hash: string) => shard(path.join(config().imageStoreDir, "previews"), hash, ".webp");

/**
 * Checks an image cheaply and stores it. The header is read with a pixel
 * limit (a decompression bomb is refused before any pixel is allocated) and
 * JPEG/PNG files must end in their trailer, which catches truncated uploads
 * without a full decode; the thumbnail job decodes fully later.
 */
export async function storeImageFile(file: string): Promise<StoredImage> {
  const { maxBytes } = config().imageLimits;
  // One open per image: size from the handle, then the bytes from it.
  const fh = await fs.open(file, "r");
  let bytes: Buffer;
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new ImageRejected("the image file is empty; re-export it");
    if (size > maxBytes) {
      throw new ImageRejected(`the image is ${mb(size)} MB, over the ${mb(maxBytes)} MB limit (IMAGE_MAX_BYTES)`);
    }
    bytes = await fh.readFile();
  } finally {
    await fh.close();
  }
  return storeImageBytes(bytes);
}

export async function storeImageBytes(bytes: Buffer): Promise<StoredImage> {
  const meta = await inspect(bytes);
  const hash = createHash("sha256").update(bytes).digest("hex");
  await writeOnce(originalPath(hash), bytes);
  return { hash, ...meta, bytes: bytes.length };
}

/**
 * Width, height and format from the header: read in JS for plain PNG and
 * JPEG (lib/storage/probe-image.ts), by libvips for anything else or when
 * the probe declines. Neither decodes a pixel.
 */
async function inspect(bytes: Buffer): Promise<{ width: number; height: number; format: string }> {
  const { maxPixels } = config().imageLimits;
  const { width, height, format } = probeImage(bytes) ?? (await sharpHeader(bytes, maxPixels));
  if (!width || !height || !format) throw new ImageRejected("the image has no size or format; re-export it as JPEG or PNG");
  if (width * height > maxPixels) {
    throw new ImageRejected(`the image is ${width}×${height} pixels, over the ${maxPixels} pixel limit (IMAGE_MAX_PIXELS)`);
  }
  if (truncated(bytes, format)) throw new ImageRejected(`the ${format.toUpperCase()} file is truncated; re-upload the complete file`);
  return { width, height, format };
}

async function sharpHeader(bytes: Buffer, maxPixels: number): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
  } catch (e) {
    throw new ImageRejected(`the file is not a readable image (${(e as Error).message}); re-export it as JPEG or PNG`);
  }
}

function truncated(b: Buffer, format: string): boolean {
  if (format === "jpeg") {
    // EOI marker, allowing trailing padding some encoders add.
    const tail = b.subarray(Math.max(0, b.length - 64));
    return tail.indexOf(Buffer.from([0xff, 0xd9])) === -1;
  }
  if (format === "png") return b.indexOf(Buffer.from("IEND"), Math.max(0, b.length - 64)) === -1;
  return false;
}

async function writeOnce(dest: string, bytes: Buffer): Promise<void> {
  try {
    await fs.access(dest);
    return; // same hash, same bytes: already stored
  } catch {
    /* not there yet */
  }
  const dir = path.dirname(dest);
  if (!madeDirs.has(dir)) await makeDir(dir);
  const tmp = `${dest}.${randomUUID()}.tmp`;
  try {
    await fs.writeFile(tmp, bytes);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    await makeDir(dir); // the folder went away since it was made (a store wiped by hand)
    await fs.writeFile(tmp, bytes);
  }
  await fs.rename(tmp, dest);
}

// Shard folders this process has made or found, so storing an image costs no
// mkdir call once its folder exists.
const madeDirs = new Set<string>();
async function makeDir(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  madeDirs.add(dir);
}

/** Full decode (fails on truncation or corrupt data) into a 256-px WebP thumbnail. */
export async function makeThumbnail(hash: string): Promise<void> {
  const dest = thumbPath(hash);
  const out = await sharp(originalPath(hash), { limitInputPixels: config().imageLimits.maxPixels, failOn: "truncated" })
    .rotate()
    .resize(256, 256, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 72 })
    .toBuffer();
  await writeOnce(dest, out);
}

/**
 * What a browser can show for this image: the original when it is a web
 * format, else (TIFF from PMC packages, say) a WebP derivative made once.
 */
export async function displayable(hash: string): Promise<{ file: string; contentType: string }> {
  const file = originalPath(hash);
  const meta = await sharp(file, { limitInputPixels: config().imageLimits.maxPixels }).metadata();
  if (meta.format && WEB_FORMATS.has(meta.format)) return { file, contentType: `image/${meta.format}` };
  const dest = previewPath(hash);
  try {
    await fs.access(dest);
  } catch {
    const out = await sharp(file, { limitInputPixels: config().imageLimits.maxPixels })
      .resize(2048, 2048, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer();
    await writeOnce(dest, out);
  }
  return { file: dest, contentType: "image/webp" };
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
