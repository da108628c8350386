// better-auth's own endpoints (sign-in, sign-out, session). Public by nature;
// sign-up is disabled in lib/auth/auth.ts.
// Every POST here may end or change the caller's sessions (sign-out, revoke,
// password change), so the caller's cached sessions are forgotten after it.
import { auth } from "@/lib/auth/auth";
import { forgetSessionOf } from "@/lib/auth/session";

export const GET = (req: Request) => auth().handler(req);
export const POST = async (req: Request) => {
  const res = await auth().handler(req);
  await forgetSessionOf(req.headers);
  return res;
};
