// Sign-in and sessions through better-auth (password hashing, cookies,
// session rotation are its job, not ours). Public sign-up is off: admins add
// users (lib/auth/users.ts).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

function build() {
  const c = config();
  return betterAuth({
    baseURL: c.appUrl,
    secret: c.authSecret,
    database: prismaAdapter(db(), { provider: "postgresql" }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "clinician" },
        disabled: { type: "boolean", input: false, defaultValue: false },
      },
    },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: { useSecureCookies: c.secureCookies },
    rateLimit: { enabled: c.authRateLimit },
    trustedOrigins: [c.appUrl],
    databaseHooks: {
      session: {
        create: {
          // A disabled account cannot start a session.
          before: async (session) => {
            const user = await db().user.findUnique({ where: { id: session.userId }, select: { disabled: true } });
            return user?.disabled ? false : undefined;
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof build>;
let instance: Auth | undefined;

export function auth(): Auth {
  instance ??= build();
  return instance;
}
