import "server-only";
import { db } from "@/lib/db/client";

export type AuditEntry = {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

const json = (v: unknown) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x))));

export async function recordAudit(actorId: string | null, e: AuditEntry): Promise<void> {
  await db().auditEvent.create({
    data: {
      actorId,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId == null ? null : String(e.entityId),
      before: json(e.before),
      after: json(e.after),
    },
  });
}
