// Providers (admin API): keys stored encrypted or named by env var, never
// returned; settings validated with messages an admin can act on.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/admin/providers/route";
import { PATCH } from "@/app/api/admin/providers/[providerId]/route";
import { GET as curatorList } from "@/app/api/providers/route";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { providerApiKey } from "@/lib/llm/providers";
import { makeUsers, type TestUser } from "../helpers/users";

let users: Record<"clinician" | "curator" | "admin", TestUser>;
const SECRET_KEY = "sk-live-abcdef0123456789-do-not-leak";

beforeAll(async () => {
  process.env.PROVIDER_KEY_SECRET = "provider-key-secret-for-tests-0123456789";
  resetConfig();
  users = await makeUsers();
});

const call = (handler: typeof create, who: TestUser, body?: unknown, params: Record<string, string> = {}) =>
  handler(
    new Request("http://localhost/api/admin/providers", {
      method: body === undefined ? "GET" : "POST",
      headers: { cookie: who.cookie, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );

const openai = { name: "GPT", kind: "openai", model: "gpt-4o", requestsPerMinute: 500, inputPricePerMTok: 2.5, outputPricePerMTok: 10 };

describe("providers", () => {
  it("stores an entered key encrypted and never returns it", async () => {
    const res = await call(create, users.admin, { ...openai, apiKey: SECRET_KEY });
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain(SECRET_KEY);
    const created = JSON.parse(text) as { id: number; apiKey: { source: string; present: boolean } };
    expect(created.apiKey).toEqual({ source: "stored", present: true });
    const row = await db().provider.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.apiKeyEncrypted).toBeTruthy();
    expect(row.apiKeyEncrypted).not.toContain(SECRET_KEY);
    expect(providerApiKey(row)).toBe(SECRET_KEY);
    for (const r of [await call(list, users.admin), await call(curatorList, users.curator)]) expect(await r.text()).not.toContain(SECRET_KEY);
    // Nor the audit trail.
    const audit = await db().auditEvent.findMany({ where: { entity: "provider" }, select: { before: true, after: true, action: true } });
    expect(JSON.stringify(audit)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(audit)).not.toContain(row.apiKeyEncrypted!);
  });

  it("takes a key from a named env var, and says when the var is missing", async () => {
    const res = await call(create, users.admin, { ...openai, name: "GPT env", apiKeyEnv: "OBSIDIAN_TEST_OPENAI_KEY" });
    const p = (await res.json()) as { id: number; apiKey: { source: string; present: boolean } };
    expect(p.apiKey).toEqual({ source: "env", present: false });
    const row = await db().provider.findUniqueOrThrow({ where: { id: p.id } });
    expect(() => providerApiKey(row)).toThrow(/OBSIDIAN_TEST_OPENAI_KEY is not set/);
    process.env.OBSIDIAN_TEST_OPENAI_KEY = "sk-from-env";
    expect(providerApiKey(row)).toBe("sk-from-env");
  });

  it("refuses incomplete settings with a reason", async () => {
    const noKey = await call(create, users.admin, { ...openai, name: "no key" });
    expect(noKey.status).toBe(400);
    expect(((await noKey.json()) as { detail: string }).detail).toMatch(/env var that holds the API key/);
    const noUrl = await call(create, users.admin, { ...openai, name: "vllm", kind: "openai_compatible" });
    expect(((await noUrl.json()) as { detail: string }).detail).toMatch(/base URL/);
    const bad = await call(create, users.admin, { ...openai, name: "bad", apiKeyEnv: "lower-case" });
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/env var name/);
  });

  it("edits keep the stored key unless a new one is given", async () => {
    const p = (await (await call(create, users.admin, { ...openai, name: "edit me", apiKey: "sk-one" })).json()) as { id: number };
    const patch = (body: unknown) =>
      PATCH(new Request("http://localhost/x", { method: "PATCH", headers: { cookie: users.admin.cookie, "content-type": "application/json" }, body: JSON.stringify(body) }), {
        params: Promise.resolve({ providerId: String(p.id) }),
      });
    expect((await patch({ requestsPerMinute: 42 })).status).toBe(200);
    let row = await db().provider.findUniqueOrThrow({ where: { id: p.id } });
    expect([row.requestsPerMinute, providerApiKey(row)]).toEqual([42, "sk-one"]);
    await patch({ apiKey: "sk-two" });
    row = await db().provider.findUniqueOrThrow({ where: { id: p.id } });
    expect(providerApiKey(row)).toBe("sk-two");
  });

  it("without PROVIDER_KEY_SECRET an entered key is refused, saying what to set", async () => {
    delete process.env.PROVIDER_KEY_SECRET;
    resetConfig();
    try {
      const res = await call(create, users.admin, { ...openai, name: "no secret", apiKey: "sk-x" });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/PROVIDER_KEY_SECRET/);
    } finally {
      process.env.PROVIDER_KEY_SECRET = "provider-key-secret-for-tests-0123456789";
      resetConfig();
    }
  });
});
