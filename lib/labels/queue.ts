// What a clinician labels next: figures they have not labelled, that still
// need labels (fewer than the project's labels-per-figure), not leased to
// someone else, in the chosen order.
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { takeLeases } from "./leases";

export const orderSchema = z.enum(["pc1", "random", "similar", "uncertain"]);
export type Order = z.infer<typeof orderSchema>;

export type NextOptions = {
  projectId: number;
  userId: string;
  order: Order;
  extractor: string;
  labelsPerFigure: number;
  count: number;
  /** Figures already in the browser's queue (kept leased, not served twice). */
  holding: number[];
  /** For "similar": figures nearest to this one first. */
  anchor?: number;
  /** For "random": a per-session seed, so the order is stable while labeling. */
  seed?: string;
};

// $1–$6 are the filters below; an order that needs more appends $7.
const ORDER_SQL: Record<Order, string> = {
  // Similar figures sit together along PC1 (the reference's order); figures
  // without PCA scores yet come last, by id.
  pc1: "p.pc1 NULLS LAST, f.id",
  random: "md5(f.id::text || $7::text), f.id",
  similar: "array_position($7::int[], f.id) NULLS LAST, p.pc1 NULLS LAST, f.id",
  // Uncertainty first: where the filter model is least sure, a label teaches it most.
  uncertain: "(SELECT abs(pr.p_keep2 - 0.5) FROM figure_prediction pr WHERE pr.figure_id = f.id) NULLS LAST, p.pc1 NULLS LAST, f.id",
};

export async function nextFigures(db: Db, o: NextOptions, similarIds: number[] = []): Promise<number[]> {
  // Ask for more than needed: some may be taken by a colleague in the meantime.
  const want = o.count * 2 + 10;
  const extra = o.order === "random" ? [o.seed ?? ""] : o.order === "similar" ? [similarIds] : [];
  const rows = await db.$queryRawUnsafe<{ id: number }[]>(
    `SELECT f.id FROM figure f
     LEFT JOIN figure_pca p ON p.figure_id = f.id AND p.extractor = $3
     WHERE f.project_id = $1
       AND NOT EXISTS (SELECT 1 FROM label l WHERE l.figure_id = f.id AND l.user_id = $2)
       AND (SELECT count(*) FROM label l WHERE l.figure_id = f.id) < $4
       AND NOT EXISTS (SELECT 1 FROM label_lease ll WHERE ll.figure_id = f.id AND ll.user_id <> $2 AND ll.expires_at > now())
       AND NOT (f.id = ANY($6::int[]))
     ORDER BY ${ORDER_SQL[o.order]}
     LIMIT $5`,
    o.projectId,
    o.userId,
    o.extractor,
    o.labelsPerFigure,
    want,
    o.holding,
    ...extra,
  );
  // Lease only as many as asked for, in order; where a colleague won one,
  // move on to the next candidates. (Leasing every candidate would let one
  // clinician hold a whole small project.)
  const candidates = rows.map((r) => r.id);
  const got: number[] = [];
  for (let i = 0; got.length < o.count && i < candidates.length; ) {
    const batch = candidates.slice(i, i + (o.count - got.length));
    i += batch.length;
    const won = await takeLeases(db, o.userId, batch);
    got.push(...batch.filter((id) => won.has(id)));
  }
  return got;
}
