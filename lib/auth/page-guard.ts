import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { hasRole, type Role } from "./roles";
import { sessionUser, type SessionUser } from "./session";

/** For server pages: sign-in first, then the role; a lesser role sees /forbidden. */
export async function requirePageRole(least: Role, from: string): Promise<SessionUser> {
  const user = await sessionUser(await headers());
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(from)}`);
  if (!hasRole(user.role, least)) redirect("/forbidden");
  return user;
}
