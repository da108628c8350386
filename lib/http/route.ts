import "server-only";
// The one wrapper for every route handler: session + role, zod-validated
// params/query/body, problem+json errors, and an audit entry for every write.
// A new endpoint is a schema and a function, nothing else.
import { z, ZodError } from "zod";
import { hasRole, type Role } from "@/lib/auth/roles";
import { sessionUser, type SessionUser } from "@/lib/auth/session";
import { recordAudit, type AuditEntry } from "@/lib/audit/record";
import { HttpError, problem } from "./problem";

type Access = Role | "public";

type Ctx<P, Q, B> = {
  req: Request;
  user: SessionUser;
  params: P;
  query: Q;
  body: B;
  /** Record what this write changed; writes that don't call it get a generic entry. */
  audit: (entry: AuditEntry) => void;
};

type Options<P, Q, B, R> = {
  role: Access;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  /** JSON body schema; leave out for handlers that stream the body themselves. */
  body?: z.ZodType<B>;
  handler: (ctx: Ctx<P, Q, B>) => Promise<R | Response>;
  /** 201 for handlers that create something. */
  status?: 200 | 201 | 202;
  /** A POST that changes nothing (it only carries a form, e.g. an estimate): no audit entry. */
  readOnly?: true;
};

export type RouteMeta = { role: Access };
export type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  meta: RouteMeta;
};

const WRITE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(
  opts: Options<P, Q, B, R>,
): Handler {
  const fn = async (req: Request, rctx: { params: Promise<Record<string, string | string[]>> }) => {
    try {
      const user = opts.role === "public" ? null : await sessionUser(req.headers);
      if (opts.role !== "public") {
        if (!user) throw new HttpError(401, "Sign-in required", "Your session is missing or has expired; sign in again.");
        if (!hasRole(user.role, opts.role)) {
          throw new HttpError(403, "Not allowed", `This needs the ${opts.role} role; ask an admin if you need access.`);
        }
      }
      const url = new URL(req.url);
      const params = opts.params ? parse(opts.params, (await rctx?.params) ?? {}, "path") : ({} as P);
      const query = opts.query ? parse(opts.query, Object.fromEntries(url.searchParams), "query") : ({} as Q);
      let body = undefined as B;
      if (opts.body) {
        let raw: unknown;
        try {
          raw = await req.json();
        } catch {
          throw new HttpError(400, "Invalid JSON", "The request body is not valid JSON.");
        }
        body = parse(opts.body, raw, "body");
      }
      const audits: AuditEntry[] = [];
      const result = await opts.handler({
        req,
        user: user as SessionUser,
        params,
        query,
        body,
        audit: (e) => audits.push(e),
      });
      if (WRITE.has(req.method) && !opts.readOnly) {
        if (audits.length === 0) audits.push({ action: `${req.method} ${url.pathname}`, entity: "request", after: redact(body) });
        await Promise.all(audits.map((a) => recordAudit(user?.id ?? null, a)));
      }
      if (result instanceof Response) return result;
      return Response.json(result ?? null, { status: opts.status ?? 200 });
    } catch (err) {
      return toProblem(err);
    }
  };
  return Object.assign(fn, { meta: { role: opts.role } });
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new HttpError(400, "Invalid input", describe(r.error, where), {
    errors: r.error.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message })),
  });
}

function describe(e: ZodError, where: string): string {
  return e.issues.map((i) => `${[where, ...i.path].join(".")}: ${i.message}`).join("; ");
}

function redact(body: unknown): unknown {
  if (!body || typeof body !== "object") return body ?? null;
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, /password|secret|key/i.test(k) ? "[redacted]" : v]),
  );
}

export function toProblem(err: unknown): Response {
  if (err instanceof HttpError) return problem(err.status, err.title, err.detail, err.extra);
  const code = (err as { code?: string })?.code;
  if (code === "P2002") return problem(409, "Already exists", "A record with these values already exists.");
  if (code === "P2025") return problem(404, "Not found", "The record does not exist or was deleted.");
  console.error(err);
  return problem(500, "Server error", "Something went wrong on our side; the error was logged. Try again, and tell an admin if it persists.");
}
