import { promises as fs } from "node:fs";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { figureParams } from "@/lib/http/params";
import { HttpError, notFound } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { thumbnailOrReject } from "@/lib/imports/unreadable-images";
import { displayable, thumbPath } from "@/lib/storage/image-store";

// Content-addressed, so a URL's bytes never change: cache for a year.
const IMMUTABLE = "private, max-age=31536000, immutable";

export const GET = route({
  role: "clinician",
  params: figureParams,
  query: z.object({ size: z.enum(["thumb", "full"]).default("full") }),
  handler: async ({ params, query }) => {
    const fig = await db().figure.findUnique({ where: { id: params.figureId }, select: { imageHash: true } });
    if (!fig) throw notFound(`Figure ${params.figureId}`);
    if (!fig.imageHash) throw new HttpError(404, "No image", "This figure was imported caption-only; re-import it with its image.");
    let file: string;
    let contentType: string;
    if (query.size === "thumb") {
      file = thumbPath(fig.imageHash);
      // Thumbnails are made in the background after import; make one now if it is not there yet.
      await fs.access(file).catch(async () => {
        const rejected = await thumbnailOrReject(fig.imageHash!);
        if (rejected) throw new HttpError(404, "Image unreadable", rejected);
      });
      contentType = "image/webp";
    } else {
      ({ file, contentType } = await displayable(fig.imageHash));
    }
    const bytes = await fs.readFile(file);
    return new Response(new Uint8Array(bytes), {
      headers: { "content-type": contentType, "cache-control": IMMUTABLE, etag: `"${fig.imageHash}-${query.size}"` },
    });
  },
});

