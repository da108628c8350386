// Users of every role with signed-in session cookies, made through the same
// code paths as the app (lib/auth/users.ts + better-auth's sign-in).
import { auth } from "@/lib/auth/auth";
import type { Role } from "@/lib/auth/roles";
import { createUser } from "@/lib/auth/users";

export type TestUser = { id: string; email: string; role: Role; cookie: string };

export async function signIn(email: string, password: string): Promise<string> {
  const res = await auth().api.signInEmail({ body: { email, password }, asResponse: true });
  if (!res.ok) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  // "name=value; Path=/; HttpOnly…" → "name=value"
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export async function makeUser(role: Role, password = "correct horse battery"): Promise<TestUser> {
  const email = `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`;
  const u = await createUser({ email, name: `Test ${role}`, password, role });
  return { id: u.id, email, role, cookie: await signIn(email, password) };
}

export async function makeUsers(): Promise<Record<Role, TestUser>> {
  return { clinician: await makeUser("clinician"), curator: await makeUser("curator"), admin: await makeUser("admin") };
}
