import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { forgetSessions } from "@/lib/auth/session";
import { userSelect } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { userParams } from "@/lib/http/params";
import { HttpError, notFound } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

export const PATCH = route({
  role: "admin",
  params: userParams,
  body: z
    .object({ role: roleSchema, disabled: z.boolean(), name: z.string().trim().min(1).max(120) })
    .partial()
    .refine((b) => Object.keys(b).length > 0, "send at least one of role, disabled, name"),
  handler: async ({ params, body, user, audit }) => {
    if (params.userId === user.id && (body.role && body.role !== "admin" || body.disabled)) {
      throw new HttpError(400, "Would lock you out", "You cannot demote or disable your own account; ask another admin.");
    }
    const before = await db().user.findUnique({ where: { id: params.userId }, select: userSelect });
    if (!before) throw notFound(`User ${params.userId}`);
    const after = await db().user.update({ where: { id: params.userId }, data: body, select: userSelect });
    // A disabled user is signed out everywhere at once.
    if (body.disabled) await db().session.deleteMany({ where: { userId: params.userId } });
    forgetSessions(params.userId); // the new role or access applies to the next request
    audit({ action: "user.update", entity: "user", entityId: params.userId, before, after });
    return after;
  },
});
