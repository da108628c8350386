import "server-only";
import { randomUUID } from "node:crypto";
import { auth } from "./auth";
import { forgetSessions } from "./session";
import { db } from "@/lib/db/client";
import type { Role } from "./roles";
import { HttpError } from "@/lib/http/problem";

export const userSelect = { id: true, email: true, name: true, role: true, disabled: true, createdAt: true } as const;

/** Adds a user with a password (hashed by better-auth). */
export async function createUser(input: { email: string; name: string; password: string; role: Role }) {
  const email = input.email.toLowerCase();
  if (await db().user.findUnique({ where: { email } })) {
    throw new HttpError(409, "User exists", `A user with email ${email} already exists; reset their password instead.`);
  }
  const ctx = await auth().$context;
  const hash = await ctx.password.hash(input.password);
  const id = randomUUID();
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { id, email, name: input.name, role: input.role }, select: userSelect });
    await tx.account.create({
      data: { id: randomUUID(), userId: id, accountId: id, providerId: "credential", password: hash },
    });
    return user;
  });
}

/** Sets a new password and ends the user's sessions. */
export async function resetPassword(userId: string, password: string) {
  const ctx = await auth().$context;
  const hash = await ctx.password.hash(password);
  await db().$transaction([
    db().account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } }),
    db().session.deleteMany({ where: { userId } }),
  ]);
  forgetSessions(userId);
}

/** The first admin from ADMIN_EMAIL / ADMIN_PASSWORD, created once. */
export async function ensureFirstAdmin(admin: { email: string; password: string; name: string } | null) {
  if (!admin) return null;
  const existing = await db().user.findUnique({ where: { email: admin.email.toLowerCase() }, select: userSelect });
  if (existing) return existing;
  return createUser({ ...admin, role: "admin" });
}
