// Admins import from a folder on the server; IMPORT_ROOTS fences where.
import { beforeAll, describe, expect, it } from "vitest";
import * as serverPathRoute from "@/app/api/projects/[projectId]/imports/server-path/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/service";
import { makeUser, type TestUser } from "../helpers/users";
import { image, record, recordsFolder, tmp } from "./make-input";

let admin: TestUser;
let projectId: number;
beforeAll(async () => {
  admin = await makeUser("admin");
  projectId = (await createProject({ name: "server path", description: "" }, null)).id;
});

const post = (path: string) =>
  serverPathRoute.POST(
    new Request(`http://localhost/api/projects/${projectId}/imports/server-path`, {
      method: "POST",
      headers: { cookie: admin.cookie, "content-type": "application/json" },
      body: JSON.stringify({ path }),
    }),
    { params: Promise.resolve({ projectId: String(projectId) }) },
  );

describe("import from a server path", () => {
  it("queues an import of an existing folder inside IMPORT_ROOTS and refuses others", async () => {
    const dir = await recordsFolder([record(1)], { "images/fig-1.png": await image(1) });
    process.env.IMPORT_ROOTS = dir;
    resetConfig();
    const ok = await post(dir);
    expect(ok.status).toBe(201);
    const imp = (await ok.json()) as { id: number; status: string };
    expect(imp.status).toBe("queued");
    expect((await db().import.findUniqueOrThrow({ where: { id: imp.id } })).source).toBe(dir);

    const outside = await post(tmp());
    expect(outside.status).toBe(403);
    expect(((await outside.json()) as { detail: string }).detail).toContain("IMPORT_ROOTS");

    const missing = await post(`${dir}/nope`);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { detail: string }).detail).toContain("does not exist");
  });
});
