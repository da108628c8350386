// The hourly sweep of UPLOAD_DIR: uploads nobody started are failed and
// deleted once idle, inputs of finished imports are deleted after the keep
// period, and nothing outside the import's own upload folder is ever touched.
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { config, resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { beginUpload, receiveFile } from "@/lib/imports/service";
import { sweepUploads } from "@/lib/imports/sweep-uploads";
import { createProject } from "@/lib/projects/service";
import { makeUser, type TestUser } from "../helpers/users";
import { tmp } from "./make-input";

const HOUR = 3_600_000;
let u: TestUser;
let projectId: number;
beforeAll(async () => {
  u = await makeUser("clinician");
  projectId = (await createProject({ name: "sweep", description: "" }, null)).id;
});
afterEach(async () => {
  delete process.env.UPLOAD_KEEP_DAYS;
  resetConfig();
  await db().import.deleteMany({});
});

const body = (text: string) => new Response(text).body;
const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/** An upload with one file, made `hoursAgo` (row and file times). */
async function upload(hoursAgo: number) {
  const imp = await beginUpload(projectId, ["records.jsonl"], u.id);
  await receiveFile(imp.id, "records.jsonl", body('{"custom_id":"a"}\n'));
  const at = new Date(Date.now() - hoursAgo * HOUR);
  await db().import.update({ where: { id: imp.id }, data: { createdAt: at } });
  const dir = path.join(config().uploadDir, String(imp.id));
  for (const p of [path.join(dir, "records.jsonl"), dir]) await fs.utimes(p, at, at);
  return { id: imp.id, dir };
}

async function finish(id: number, daysAgo: number) {
  await db().import.update({ where: { id }, data: { status: "succeeded", finishedAt: new Date(Date.now() - daysAgo * 24 * HOUR) } });
}

describe("upload sweep", () => {
  it("fails and deletes an upload idle for a day, and says why", async () => {
    const old = await upload(25);
    const recent = await upload(2);
    const r = await sweepUploads();
    expect(r.abandoned).toEqual([old.id]);
    const row = await db().import.findUniqueOrThrow({ where: { id: old.id } });
    expect(row.status).toBe("failed");
    expect(row.message).toMatch(/abandoned.*Start a new import/);
    expect(await exists(old.dir)).toBe(false);
    expect((await db().import.findUniqueOrThrow({ where: { id: recent.id } })).status).toBe("uploading");
    expect(await exists(recent.dir)).toBe(true);
  });

  it("leaves an old upload alone while bytes are still arriving, and one that was started", async () => {
    const slow = await upload(30);
    await fs.writeFile(path.join(slow.dir, "big.tar.gz.part"), "still coming"); // written now
    const started = await upload(30);
    await db().import.update({ where: { id: started.id }, data: { status: "queued" } });
    expect((await sweepUploads()).abandoned).toEqual([]);
    expect(await exists(slow.dir)).toBe(true);
    expect(await exists(started.dir)).toBe(true);
  });

  it("deletes a finished import's uploaded input after the keep period, never a server path", async () => {
    const a = await upload(300);
    await finish(a.id, 8);
    const b = await upload(300);
    await finish(b.id, 2);
    // An admin's server-path import names its own folder: never ours to delete.
    const theirs = tmp();
    await fs.writeFile(path.join(theirs, "records.jsonl"), "{}\n");
    const server = await db().import.create({
      data: { projectId, status: "succeeded", source: theirs, fileName: "records.jsonl", finishedAt: new Date(Date.now() - 30 * 24 * HOUR) },
    });
    const r = await sweepUploads();
    expect(r.cleared).toEqual([a.id]);
    expect(await exists(a.dir)).toBe(false);
    expect((await db().import.findUniqueOrThrow({ where: { id: a.id } })).status).toBe("succeeded");
    expect(await exists(b.dir)).toBe(true);
    expect(await exists(path.join(theirs, "records.jsonl"))).toBe(true);
    expect(r.cleared).not.toContain(server.id);
  });

  it("keeps finished inputs when UPLOAD_KEEP_DAYS=0", async () => {
    process.env.UPLOAD_KEEP_DAYS = "0";
    resetConfig();
    const a = await upload(300);
    await finish(a.id, 60);
    expect((await sweepUploads()).cleared).toEqual([]);
    expect(await exists(a.dir)).toBe(true);
  });
});
