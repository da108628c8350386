import { z } from "zod";
import { resetPassword } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { userParams } from "@/lib/http/params";
import { notFound } from "@/lib/http/problem";
import { route } from "@/lib/http/route";

export const POST = route({
  role: "admin",
  params: userParams,
  body: z.object({ password: z.string().min(8, "use at least 8 characters").max(128) }),
  handler: async ({ params, body, audit }) => {
    if (!(await db().user.findUnique({ where: { id: params.userId }, select: { id: true } }))) throw notFound(`User ${params.userId}`);
    await resetPassword(params.userId, body.password);
    audit({ action: "user.reset_password", entity: "user", entityId: params.userId, after: { password: "[reset]" } });
    return { ok: true };
  },
});
