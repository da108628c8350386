import "server-only";
import { auth } from "./auth";
import { roleSchema, type Role } from "./roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** The signed-in, enabled user behind these request headers, or null. */
export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const s = await auth().api.getSession({ headers });
  if (!s || s.user.disabled) return null;
  return { id: s.user.id, email: s.user.email, name: s.user.name, role: roleSchema.parse(s.user.role) };
}
