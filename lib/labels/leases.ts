// Leases: while a clinician has a figure on screen (or prefetched), nobody
// else is served it. A lease lapses LEASE_SECONDS after its holder's last
// request, so a closed tab frees its figures by itself.
import type { Db } from "@/lib/db/client";

export const LEASE_SECONDS = 120;

/**
 * Takes leases on as many of `candidates` as are free (unleased, lapsed, or
 * already ours), in one statement: two clinicians racing for the same figure
 * serialise on its row, and only one gets it.
 */
export async function takeLeases(db: Db, userId: string, candidates: number[]): Promise<Set<number>> {
  if (candidates.length === 0) return new Set();
  const rows = await db.$queryRawUnsafe<{ figure_id: number }[]>(
    `INSERT INTO label_lease (figure_id, user_id, expires_at)
     SELECT unnest($1::int[]), $2, now() + make_interval(secs => $3)
     ON CONFLICT (figure_id) DO UPDATE SET user_id = EXCLUDED.user_id, expires_at = EXCLUDED.expires_at
       WHERE label_lease.user_id = EXCLUDED.user_id OR label_lease.expires_at <= now()
     RETURNING figure_id`,
    candidates,
    userId,
    LEASE_SECONDS,
  );
  return new Set(rows.map((r) => r.figure_id));
}

/** Keeps the leases on figures still in the browser's queue, drops the rest. */
export async function keepOnly(db: Db, userId: string, figureIds: number[]): Promise<void> {
  await db.$executeRawUnsafe(
    `DELETE FROM label_lease WHERE user_id = $1 AND NOT (figure_id = ANY($2::int[]))`,
    userId,
    figureIds,
  );
  await db.$executeRawUnsafe(
    `UPDATE label_lease SET expires_at = now() + make_interval(secs => $3) WHERE user_id = $1 AND figure_id = ANY($2::int[])`,
    userId,
    figureIds,
    LEASE_SECONDS,
  );
}

export async function releaseAll(db: Db, userId: string): Promise<void> {
  await db.labelLease.deleteMany({ where: { userId } });
}
