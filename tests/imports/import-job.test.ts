// The import job on a real BullMQ queue in real Redis: a queued import runs
// to the end in a worker, and an import Postgres lists as queued is queued
// again after Redis lost it.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { importJob, reconcileImports, thumbnailJob } from "@/lib/imports/jobs";
import { getImport } from "@/lib/imports/service";
import { closeQueues, enqueue, pending, startWorker } from "@/lib/queue/jobs";
import { closeRedis, redis } from "@/lib/queue/connection";
import { createProject } from "@/lib/projects/service";
import { thumbPath } from "@/lib/storage/image-store";
import { existsSync } from "node:fs";
import { corruptPngData, image, record, recordsFolder } from "./make-input";

afterAll(async () => {
  await closeQueues();
  await closeRedis();
});

async function until(check: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("timed out");
}

describe("import job", () => {
  it("re-queues what Postgres says is queued, runs it in a worker, and makes thumbnails", async () => {
    const p = (await createProject({ name: "queue", description: "" }, null)).id;
    const dir = await recordsFolder([record(1), record(2)], { "images/fig-1.png": await image(1), "images/fig-2.png": await image(2) });
    // As if Redis had been wiped after the row was written: nothing in the queue.
    const imp = await db().import.create({ data: { projectId: p, source: dir, fileName: "records", status: "queued" } });
    expect(await reconcileImports()).toBe(1);
    expect(await reconcileImports()).toBe(1); // same job id: still one job
    expect(await pending(importJob)).toBe(1);

    const workers = [startWorker(importJob), startWorker(thumbnailJob)];
    try {
      await until(async () => (await db().import.findUniqueOrThrow({ where: { id: imp.id } })).status === "succeeded");
      const figs = await db().figure.findMany({ where: { projectId: p } });
      expect(figs).toHaveLength(2);
      await until(async () => figs.every((f) => existsSync(thumbPath(f.imageHash!))));
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    expect(await redis().ping()).toBe("PONG");
  });

  it("an image with corrupt data passes the quick check, then its thumbnail's decode makes the figure caption-only and the import lists it", async () => {
    const p = (await createProject({ name: "corrupt", description: "" }, null)).id;
    const bad = corruptPngData(await image(4));
    const dir = await recordsFolder([record(3), record(4)], { "images/fig-3.png": await image(3), "images/fig-4.png": bad });
    const imp = await db().import.create({ data: { projectId: p, source: dir, fileName: "records", status: "queued" } });
    await enqueue(importJob, { importId: imp.id });
    const workers = [startWorker(importJob), startWorker(thumbnailJob)];
    try {
      await until(async () => (await db().import.findUniqueOrThrow({ where: { id: imp.id } })).status === "succeeded");
      await until(async () => (await db().figure.count({ where: { projectId: p, imageError: { not: null } } })) === 1);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
    const [good, broken] = await db().figure.findMany({ where: { projectId: p }, orderBy: { customId: "asc" } });
    expect(good).toMatchObject({ customId: "fig-3", imageMissing: false, imageError: null });
    expect(existsSync(thumbPath(good!.imageHash!))).toBe(true);
    expect(broken).toMatchObject({ customId: "fig-4", imageHash: null, imageMissing: true });
    expect(broken!.imageError).toMatch(/data is corrupt.*full decode failed \(decoder: .+\).*kept caption-only/);
    const shown = await getImport(imp.id);
    expect(shown.unreadable).toEqual([{ figureId: broken!.id, customId: "fig-4", file: "images/fig-4.png", reason: broken!.imageError }]);
  });
});
