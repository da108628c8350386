// Every route handler × anonymous / clinician / curator / admin. Routes are
// discovered from app/api/**/route.ts, so a new endpoint is covered the day
// it is added; one that skips the route() wrapper fails here unless listed.
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { hasRole, roles, type Role } from "@/lib/auth/roles";
import type { Handler } from "@/lib/http/route";
import { makeUsers, type TestUser } from "../helpers/users";

// Routes that are better-auth's own (sign-in, sign-out, session): public by design.
const DELEGATED = new Set(["app/api/auth/[...all]/route.ts"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir = "app/api"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    return e.name === "route.ts" ? [p] : [];
  });
}

/** app/api/projects/[projectId]/figures → /api/projects/1/figures with params { projectId: "1" } */
function urlFor(file: string, userId: string) {
  const params: Record<string, string> = {};
  const url = path
    .dirname(file)
    .replace(/^app/, "")
    .replace(/\[(\.\.\.)?(\w+)\]/g, (_m, _rest, name: string) => (params[name] = name === "userId" ? userId : "1"));
  return { url: `http://localhost${url}`, params };
}

let users: Record<Role, TestUser>;
beforeAll(async () => {
  users = await makeUsers();
});

const files = routeFiles();

describe("role matrix", () => {
  it("discovers the route handlers", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  for (const file of files) {
    if (DELEGATED.has(file)) continue;
    describe(file, async () => {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Partial<Record<string, Handler>>;
      const methods = METHODS.filter((m) => mod[m]);

      it("uses the route() wrapper for every method", () => {
        expect(methods.length).toBeGreaterThan(0);
        for (const m of methods) expect(mod[m]!.meta, `${m} ${file} must be built with route()`).toBeDefined();
      });

      for (const m of methods) {
        const handler = mod[m]!;
        const least = handler.meta?.role;
        for (const who of ["anonymous", ...roles] as const) {
          const expected = least === "public" ? "allowed" : who === "anonymous" ? 401 : hasRole(who, least!) ? "allowed" : 403;
          it(`${m} as ${who} → ${expected}`, async () => {
            const { url, params } = urlFor(file, users.admin.id);
            const headers = new Headers({ "content-type": "application/json" });
            if (who !== "anonymous") headers.set("cookie", users[who].cookie);
            const req = new Request(url, { method: m, headers, body: m === "GET" ? undefined : "{}" });
            const res = await handler(req, { params: Promise.resolve(params) });
            if (expected === "allowed") expect([401, 403]).not.toContain(res.status);
            else expect(res.status).toBe(expected);
            if (res.status >= 400) expect(res.headers.get("content-type")).toContain("application/problem+json");
          });
        }
      }
    });
  }
});
