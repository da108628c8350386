// better-auth's own endpoints (sign-in, sign-out, session). Public by nature;
// sign-up is disabled in lib/auth/auth.ts.
import { auth } from "@/lib/auth/auth";

export const GET = (req: Request) => auth().handler(req);
export const POST = (req: Request) => auth().handler(req);
