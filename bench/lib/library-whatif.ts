// What two library changes would save, measured in SQL on the benchmark's
// own data (EXPLAIN ANALYZE execution time, best of 3):
//   index  the "has mentions" partial index with the predicate Prisma emits
//          (NOT mentions = '{}', i.e. mentions <> '{}'); the migration's
//          cardinality(mentions) > 0 is never matched
//   cap    the count Prisma runs as count({ where, take: 1001 }) — "1,000+"
import { libraryQuery, listFigures } from "@/lib/figures/library";
import { captureQueries, explainAnalyze } from "./explain";
import { psql } from "./pg";

type Row = { filters: string; query: "page" | "count"; now: number; index: number; cap: number | null };

export async function libraryWhatIf(url: string, projectId: number, filterSets: Record<string, string>[]): Promise<Row[]> {
  const captured = [];
  for (const filters of filterSets) {
    const qs = await captureQueries(() => listFigures(projectId, libraryQuery.parse({ limit: "300", ...filters })));
    captured.push({ filters, qs: qs.filter((q) => q.sql.includes('"figure"')) });
  }
  const best = async (q: { sql: string; params: unknown[]; ms: number }) => {
    const ms: number[] = [];
    for (let i = 0; i < 3; i++) ms.push(Number(/Execution Time: ([\d.]+)/.exec(await explainAnalyze(q))?.[1]));
    return Math.min(...ms);
  };
  const rows: Row[] = [];
  for (const { filters, qs } of captured) {
    for (const q of qs) {
      const count = q.sql.startsWith("SELECT COUNT");
      const capped = count ? { ...q, sql: q.sql.replace(/ OFFSET (\$\d+)\) AS "sub"$/, " LIMIT 1001 OFFSET $1) AS \"sub\"") } : null;
      rows.push({
        filters: JSON.stringify(filters),
        query: count ? "count" : "page",
        now: await best(q),
        index: NaN,
        cap: capped && capped.sql !== q.sql ? await best(capped) : null,
      });
    }
  }
  psql(url, "CREATE INDEX bench_whatif_mentions_idx ON figure (project_id, id) WHERE mentions <> '{}'", "ANALYZE figure");
  try {
    let i = 0;
    for (const { qs } of captured) for (const q of qs) rows[i++]!.index = await best(q);
  } finally {
    psql(url, "DROP INDEX bench_whatif_mentions_idx");
  }
  return rows;
}
