// Roles are ordered: an admin may do what a curator may, a curator what a
// clinician may. Route handlers and pages name the least role they need.
import { z } from "zod";

export const roles = ["clinician", "curator", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

const rank: Record<Role, number> = { clinician: 0, curator: 1, admin: 2 };

export function hasRole(actual: Role, least: Role): boolean {
  return rank[actual] >= rank[least];
}
