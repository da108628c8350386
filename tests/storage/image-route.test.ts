// The image route: thumbnails made on demand when the background job has not
// got there yet, and an image whose full decode fails turns its figure
// caption-only with the reason, as the thumbnail job does.
import { beforeAll, describe, expect, it } from "vitest";
import * as imageRoute from "@/app/api/figures/[figureId]/image/route";
import { db } from "@/lib/db/client";
import { insertBatch } from "@/lib/imports/insert-batch";
import { createProject } from "@/lib/projects/service";
import { promises as fs } from "node:fs";
import { originalPath, storeImageBytes } from "@/lib/storage/image-store";
import { makeUser, type TestUser } from "../helpers/users";
import { corruptPngData, image } from "../imports/make-input";

let u: TestUser;
let projectId: number;
beforeAll(async () => {
  u = await makeUser("clinician");
  projectId = (await createProject({ name: "images", description: "" }, null)).id;
});

async function figureWith(bytes: Buffer, customId: string): Promise<number> {
  const stored = await storeImageBytes(bytes);
  await insertBatch(db(), projectId, null, [
    {
      customId, figLabel: "Figure 1", caption: "c", mentions: [], page: null, imageHash: stored.hash, imageName: `${customId}.png`,
      imageMissing: false, width: stored.width, height: stored.height, synthetic: true,
      article: { handle: "a", journal: "J", title: "", doi: null, pmcid: null, year: null },
    },
  ]);
  return (await db().figure.findFirstOrThrow({ where: { projectId, customId } })).id;
}

const get = (id: number, size: string) =>
  imageRoute.GET(new Request(`http://localhost/api/figures/${id}/image?size=${size}`, { headers: { cookie: u.cookie } }), {
    params: Promise.resolve({ figureId: String(id) }),
  });

describe("image route", () => {
  it("makes a missing thumbnail on demand and serves it as WebP", async () => {
    const id = await figureWith(await image(11), "good");
    const res = await get(id, "thumb");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("an image that fails its first full decode makes the figure caption-only and says why", async () => {
    const id = await figureWith(corruptPngData(await image(12)), "corrupt");
    const res = await get(id, "thumb");
    expect(res.status).toBe(404);
    const body = (await res.json()) as { title: string; detail: string };
    expect(body.title).toBe("Image unreadable");
    expect(body.detail).toMatch(/data is corrupt/);
    expect(await db().figure.findUniqueOrThrow({ where: { id } })).toMatchObject({ imageHash: null, imageMissing: true, imageError: body.detail });
    expect((await get(id, "thumb")).status).toBe(404); // caption-only from now on
  });

  it("an original missing from the store is a server fault, not a verdict on the image", async () => {
    const id = await figureWith(await image(13), "lost");
    const { imageHash } = await db().figure.findUniqueOrThrow({ where: { id } });
    await fs.rm(originalPath(imageHash!));
    const err = console.error;
    console.error = () => {}; // the wrapper logs the 500
    try {
      expect((await get(id, "thumb")).status).toBe(500);
    } finally {
      console.error = err;
    }
    expect(await db().figure.findUniqueOrThrow({ where: { id } })).toMatchObject({ imageHash, imageMissing: false, imageError: null });
  });
});
