// Writes through route handlers leave an audit entry: who, what, when, and
// the record before and after; secrets never reach the audit log.
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import * as userRoute from "@/app/api/admin/users/[userId]/route";
import * as passwordRoute from "@/app/api/admin/users/[userId]/password/route";
import * as usersRoute from "@/app/api/admin/users/route";
import { makeUser, signIn, type TestUser } from "../helpers/users";

let admin: TestUser;
let clinician: TestUser;
beforeAll(async () => {
  admin = await makeUser("admin");
  clinician = await makeUser("clinician");
});

const call = (handler: typeof userRoute.PATCH, method: string, body: unknown, params: Record<string, string> = {}) =>
  handler(
    new Request("http://localhost/api/x", {
      method,
      headers: { cookie: admin.cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );

describe("audit trail", () => {
  it("records a role change with before and after", async () => {
    const res = await call(userRoute.PATCH, "PATCH", { role: "curator" }, { userId: clinician.id });
    expect(res.status).toBe(200);
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "user.update", entityId: clinician.id } });
    expect(e.actorId).toBe(admin.id);
    expect((e.before as { role: string }).role).toBe("clinician");
    expect((e.after as { role: string }).role).toBe("curator");
    expect(e.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it("records a created user without the password", async () => {
    const res = await call(usersRoute.POST, "POST", { email: "new@test.local", name: "New", password: "s3cret-password", role: "curator" });
    expect(res.status).toBe(201);
    const e = await db().auditEvent.findFirstOrThrow({ where: { action: "user.create" } });
    expect(JSON.stringify({ ...e, id: String(e.id) })).not.toContain("s3cret-password");
  });

  it("a password reset ends the user's sessions, works for sign-in, and is audited without the password", async () => {
    const res = await call(passwordRoute.POST, "POST", { password: "brand-new-password" }, { userId: clinician.id });
    expect(res.status).toBe(200);
    expect(await db().session.count({ where: { userId: clinician.id } })).toBe(0);
    await expect(signIn(clinician.email, "correct horse battery")).rejects.toThrow();
    await expect(signIn(clinician.email, "brand-new-password")).resolves.toContain("session_token");
    const all = JSON.stringify(await db().auditEvent.findMany({ select: { before: true, after: true } }));
    expect(all).not.toContain("brand-new-password");
  });

  it("an admin cannot demote themselves, and a bad body says what is wrong", async () => {
    const self = await call(userRoute.PATCH, "PATCH", { role: "clinician" }, { userId: admin.id });
    expect(self.status).toBe(400);
    expect(((await self.json()) as { detail: string }).detail).toMatch(/another admin/);
    const bad = await call(userRoute.PATCH, "PATCH", { role: "superuser" }, { userId: clinician.id });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/body\.role/);
  });

  it("a POST marked readOnly (it only carries a form) leaves no entry; any other POST does", async () => {
    const u = await makeUser("clinician"); // (an earlier test ended the shared clinician's sessions)
    const body = z.object({ n: z.number() });
    const estimate = route({ role: "clinician", readOnly: true, body, handler: async ({ body }) => ({ twice: body.n * 2 }) });
    const change = route({ role: "clinician", body, handler: async () => ({ ok: true }) });
    const post = (handler: typeof estimate, path: string) =>
      handler(new Request(`http://localhost${path}`, { method: "POST", headers: { cookie: u.cookie, "content-type": "application/json" }, body: '{"n":21}' }), {
        params: Promise.resolve({}),
      });
    const entries = (path: string) => db().auditEvent.count({ where: { action: `POST ${path}` } });
    const res = await post(estimate, "/api/test/estimate");
    expect(await res.json()).toEqual({ twice: 42 });
    expect(await entries("/api/test/estimate")).toBe(0);
    expect((await post(change, "/api/test/change")).status).toBe(200);
    expect(await entries("/api/test/change")).toBe(1);
  });

  it("a disabled user can no longer sign in or use a session", async () => {
    const victim = await makeUser("clinician");
    const res = await call(userRoute.PATCH, "PATCH", { disabled: true }, { userId: victim.id });
    expect(res.status).toBe(200);
    await expect(signIn(victim.email, "correct horse battery")).rejects.toThrow();
  });
});
