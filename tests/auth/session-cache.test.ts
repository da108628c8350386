// The web process remembers accepted sessions for SESSION_CACHE_MS
// (lib/auth/session.ts). What must hold: a change made through the app (role,
// disable, password reset, sign-out) applies to the very next request, and a
// change made behind the app's back applies once the TTL has passed.
import { afterEach, describe, expect, it } from "vitest";
import * as authRoute from "@/app/api/auth/[...all]/route";
import * as passwordRoute from "@/app/api/admin/users/[userId]/password/route";
import * as userRoute from "@/app/api/admin/users/[userId]/route";
import * as meRoute from "@/app/api/me/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { makeUser, type TestUser } from "../helpers/users";

const me = async (cookie: string) => {
  const res = await meRoute.GET(new Request("http://localhost/api/me", { headers: { cookie } }), { params: Promise.resolve({}) });
  return { status: res.status, role: res.status === 200 ? ((await res.json()) as { role: string }).role : null };
};

const asAdmin = (admin: TestUser, handler: typeof userRoute.PATCH, method: string, body: unknown, userId: string) =>
  handler(
    new Request("http://localhost/api/admin/x", { method, headers: { cookie: admin.cookie, "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ userId }) },
  );

/** Sets SESSION_CACHE_MS for one test (afterEach puts the default back). */
function cacheFor(ms: number) {
  process.env.SESSION_CACHE_MS = String(ms);
  resetConfig();
}

afterEach(() => {
  delete process.env.SESSION_CACHE_MS;
  resetConfig();
});

describe("session cache", () => {
  it("serves an accepted session from memory until the TTL, then asks better-auth again", async () => {
    cacheFor(400);
    const u = await makeUser("clinician");
    expect((await me(u.cookie)).status).toBe(200);
    // Deleted behind the app's back (psql, another process): still trusted within the TTL …
    await db().session.deleteMany({ where: { userId: u.id } });
    expect((await me(u.cookie)).status).toBe(200);
    // … and refused once it has passed.
    await new Promise((r) => setTimeout(r, 450));
    expect((await me(u.cookie)).status).toBe(401);
  });

  it("with SESSION_CACHE_MS=0 every request asks better-auth", async () => {
    cacheFor(0);
    const u = await makeUser("clinician");
    expect((await me(u.cookie)).status).toBe(200);
    await db().session.deleteMany({ where: { userId: u.id } });
    expect((await me(u.cookie)).status).toBe(401);
  });

  it("applies a role change and a disable made by an admin to the next request", async () => {
    const admin = await makeUser("admin");
    const u = await makeUser("clinician");
    expect(await me(u.cookie)).toEqual({ status: 200, role: "clinician" });
    expect((await asAdmin(admin, userRoute.PATCH, "PATCH", { role: "curator" }, u.id)).status).toBe(200);
    expect(await me(u.cookie)).toEqual({ status: 200, role: "curator" });
    expect((await asAdmin(admin, userRoute.PATCH, "PATCH", { disabled: true }, u.id)).status).toBe(200);
    expect((await me(u.cookie)).status).toBe(401);
  });

  it("applies a password reset to the next request", async () => {
    const admin = await makeUser("admin");
    const u = await makeUser("clinician");
    expect((await me(u.cookie)).status).toBe(200);
    expect((await asAdmin(admin, passwordRoute.POST, "POST", { password: "another-password" }, u.id)).status).toBe(200);
    expect((await me(u.cookie)).status).toBe(401);
  });

  it("applies a sign-out to the next request, and a forged cookie is refused", async () => {
    const u = await makeUser("clinician");
    const other = await makeUser("clinician");
    expect((await me(u.cookie)).status).toBe(200);
    expect((await me(other.cookie)).status).toBe(200);
    const out = await authRoute.POST(
      new Request("http://localhost:3000/api/auth/sign-out", { method: "POST", headers: { cookie: u.cookie, origin: "http://localhost:3000" } }),
    );
    expect(out.status).toBe(200);
    expect((await me(u.cookie)).status).toBe(401);
    expect((await me(other.cookie)).status).toBe(200); // another user's session is untouched
    const forged = other.cookie.replace(/session_token=[^.;]+/, "session_token=forged-token-value");
    expect(forged).not.toBe(other.cookie);
    expect((await me(forged)).status).toBe(401);
  });
});
