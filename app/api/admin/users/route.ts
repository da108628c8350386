import { z } from "zod";
import { roleSchema } from "@/lib/auth/roles";
import { createUser, userSelect } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const GET = route({
  role: "admin",
  handler: async () => db().user.findMany({ select: userSelect, orderBy: { createdAt: "asc" } }),
});

export const POST = route({
  status: 201,
  role: "admin",
  body: z.object({
    email: z.string().email("enter a valid email address"),
    name: z.string().trim().min(1).max(120),
    password: z.string().min(8, "use at least 8 characters").max(128),
    role: roleSchema,
  }),
  handler: async ({ body, audit }) => {
    const user = await createUser(body);
    audit({ action: "user.create", entity: "user", entityId: user.id, after: user });
    return user;
  },
});
