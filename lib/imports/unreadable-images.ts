// The import checks an image cheaply (header, pixel limit, trailer) so that it
// runs near bulk-insert speed; corrupt compressed data between header and
// trailer only shows when the thumbnail job decodes the whole image. Such an
// image is then rejected as the import would have rejected it: its figures
// become caption-only and flagged, with the decoder's reason, and their import
// lists them. (The import's own errors list is rewritten by the running import,
// so the reason lives on the figure and is read with the import.)
import { constants as fsConstants, promises as fs } from "node:fs";
import { db } from "@/lib/db/client";
import { makeThumbnail, originalPath } from "@/lib/storage/image-store";

/**
 * A decoder's refusal of bytes that are there, rather than a file-system
 * failure (EMFILE, ENOSPC, EIO… carry an errno code) or an original missing
 * from the store (libvips reports that without one): those are worth a retry
 * or an admin's look, and say nothing about the image.
 */
async function isDecodeError(e: unknown, hash: string): Promise<boolean> {
  if (!(e instanceof Error) || (e as NodeJS.ErrnoException).code !== undefined) return false;
  return fs.access(originalPath(hash), fsConstants.R_OK).then(() => true, () => false);
}

/**
 * Makes the image's thumbnail (its first full decode). If the decoder refuses
 * the bytes, every figure holding them (in any project: same bytes, same
 * fault) becomes caption-only and the reason is returned; other failures throw.
 * Used by the thumbnail job and by the image route when the job is behind.
 */
export async function thumbnailOrReject(hash: string): Promise<string | null> {
  try {
    await makeThumbnail(hash);
    return null;
  } catch (e) {
    if (!(await isDecodeError(e, hash))) throw e;
    return markUnreadable(hash, (e as Error).message);
  }
}

async function markUnreadable(hash: string, decoderMessage: string): Promise<string> {
  // libvips often says little ("Unknown error"); the part a person acts on comes first.
  const reason = `The image's data is corrupt: it passed the import's check but a full decode failed (decoder: ${decoderMessage.trim().slice(0, 300)}). The figure was kept caption-only; export the image again from its source and import it under a new id.`;
  await db().figure.updateMany({ where: { imageHash: hash }, data: { imageHash: null, imageMissing: true, imageError: reason } });
  return reason;
}

/** The figures of an import whose images the full decode refused, for its error list. */
export async function unreadableImages(importId: number) {
  const rows = await db().figure.findMany({
    where: { importId, imageError: { not: null } },
    select: { id: true, customId: true, imageName: true, imageError: true },
    orderBy: { id: "asc" },
    take: 500,
  });
  return rows.map((r) => ({ figureId: r.id, customId: r.customId, file: r.imageName ?? "", reason: r.imageError! }));
}
