import "server-only";
import { config } from "@/lib/config";
import { auth } from "./auth";
import { roleSchema, type Role } from "./roles";

export type SessionUser = { id: string; email: string; name: string; role: Role };

/*
 * Every API request checks its session. better-auth's getSession costs ~1.7 ms
 * of CPU (its endpoint plumbing, a signature check, a session + user query):
 * half of what a whole /api/me request costs, and a sixth of a library page
 * (B2 in docs/benchmarks.md). So a session that better-auth accepted is
 * remembered in this process for SESSION_CACHE_MS (10 s by default), keyed by
 * the signed session-token cookie itself, never longer than the session lives.
 *
 * Whatever ends or changes a user's access runs in this process and forgets
 * that user's entries at once: the admin's user edit (role, disable), password
 * reset, and every better-auth write (sign-out, session revocation) through
 * app/api/auth. A second web process would see such a change within the TTL.
 * Only accepted sessions are kept, so random cookies cannot fill the cache.
 */
type Entry = { user: SessionUser; until: number };
const cache = new Map<string, Entry>();
const MAX_ENTRIES = 10_000;
/** Bumped by every forget: a check that began before one may have read what it changed, so is not kept. */
let epoch = 0;

/** The cookie better-auth reads the session token from (its name depends on the secure-cookie setting). */
let cookieName: Promise<string> | undefined;
const sessionCookieName = () => (cookieName ??= auth().$context.then((c) => c.authCookies.sessionToken.name));

/** The session-token cookie's value: the very cookie better-auth checks, so the cache key is what it accepted. */
async function sessionToken(headers: Headers): Promise<string | null> {
  const name = await sessionCookieName();
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

/** The signed-in, enabled user behind these request headers, or null. */
export async function sessionUser(headers: Headers): Promise<SessionUser | null> {
  const token = await sessionToken(headers);
  if (!token) return null; // no session cookie: better-auth would say no as well
  const ttl = config().sessionCacheMs;
  const hit = cache.get(token);
  if (hit && hit.until > Date.now()) return hit.user;
  if (hit) cache.delete(token);

  const began = epoch;
  const s = await auth().api.getSession({ headers });
  if (!s || s.user.disabled) return null;
  const user: SessionUser = { id: s.user.id, email: s.user.email, name: s.user.name, role: roleSchema.parse(s.user.role) };
  if (ttl > 0 && began === epoch) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!); // the oldest
    cache.set(token, { user, until: Math.min(Date.now() + ttl, new Date(s.session.expiresAt).getTime()) });
  }
  return user;
}

/** Forgets the cached sessions of these users: call after changing their role, access or sessions. */
export function forgetSessions(...userIds: string[]): void {
  const ids = new Set(userIds);
  epoch++;
  for (const [token, e] of cache) if (ids.has(e.user.id)) cache.delete(token);
}

/** Forgets the sessions of the user signed in with these headers (before a better-auth write such as sign-out). */
export async function forgetSessionOf(headers: Headers): Promise<void> {
  const token = await sessionToken(headers);
  const e = token ? cache.get(token) : undefined;
  if (e) forgetSessions(e.user.id);
}
