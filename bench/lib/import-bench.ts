// Pieces of bench/import.ts: the COPY baseline and a database client that
// adds up where runImport waits.
import type { Db } from "@/lib/db/client";
import { copyFrom, psql } from "./pg";
import { now } from "./stats";

// journal included, as the import writes it (the figure's copy of its article's; the insert trigger then
// has nothing to fix, as for the import).
export const COPY_COLUMNS = ["project_id", "article_id", "custom_id", "fig_label", "caption", "mentions", "page",
  "image_hash", "image_name", "image_missing", "width", "height", "synthetic", "journal"];

/**
 * Writes the figure rows of project `from` to `file` as project `to`'s (its
 * articles created first), all untimed; `copy()` then loads them with
 * `\copy figure (…) FROM file` (COPY … FROM STDIN) and returns the seconds.
 */
export function prepareCopy(url: string, from: number, to: number, file: string): { copy: () => number } {
  psql(
    url,
    `INSERT INTO article (project_id, handle, journal, title, doi, pmcid, year)
     SELECT ${to}, handle, journal, title, doi, pmcid, year FROM article WHERE project_id = ${from} ORDER BY id`,
    `\\copy (SELECT ${to}, b.id, ${COPY_COLUMNS.slice(2).map((c) => `f.${c}`).join(", ")} FROM figure f JOIN article a ON a.id = f.article_id JOIN article b ON b.project_id = ${to} AND b.handle = a.handle WHERE f.project_id = ${from} ORDER BY f.id) TO '${file}'`,
  );
  return {
    copy() {
      psql(url, "CHECKPOINT");
      const t = now();
      copyFrom(url, "figure", COPY_COLUMNS, file);
      return (now() - t) / 1000;
    },
  };
}

export type Spent = { insert: number; progress: number };

/** The same client, with the ms spent in raw SQL (insertBatch) and in import-row reads/updates added to `spent`. */
export function timedDb(client: Db, spent: Spent): Db {
  const timed =
    <A extends unknown[], R>(fn: (...a: A) => PromiseLike<R>, key: keyof Spent) =>
    async (...a: A): Promise<R> => {
      const start = now();
      try {
        return await fn(...a);
      } finally {
        spent[key] += now() - start;
      }
    };
  return new Proxy(client, {
    get(target, prop) {
      if (prop === "$queryRawUnsafe") return timed(target.$queryRawUnsafe.bind(target), "insert");
      if (prop === "import") {
        return new Proxy(target.import, {
          get(model, p) {
            const f: unknown = Reflect.get(model, p);
            return typeof f === "function" ? timed((f as (...a: unknown[]) => PromiseLike<unknown>).bind(model), "progress") : f;
          },
        });
      }
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
