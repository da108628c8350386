// schema.prisma (what the typed client believes) and prisma/migrations/*.sql
// (what the database really is) are written by hand side by side; this test
// fails the moment they disagree: tables, columns, types, nullability,
// uniques and enum values. The DMMF comes from prisma/dmmf-generator.mjs.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type Field = { name: string; dbName?: string | null; kind: string; type: string; isList: boolean; isRequired: boolean; isUnique: boolean; isId: boolean; nativeType?: [string, string[]] | null };
type Model = { name: string; dbName: string | null; fields: Field[]; uniqueFields: string[][]; primaryKey: { fields: string[] } | null };
type Dmmf = { models: Model[]; enums: { name: string; values: { name: string }[] }[] };

const dmmf = JSON.parse(readFileSync("lib/db/generated/dmmf.json", "utf8")) as Dmmf;
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });

const scalarTypes: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Boolean: "boolean",
  Json: "jsonb",
  Float: "double precision",
  Bytes: "bytea",
};

function expectedType(f: Field): string {
  if (f.isList) return `_${f.kind === "enum" ? f.type : scalarTypes[f.type]!.replace("integer", "int4")}`;
  if (f.kind === "enum") return f.type;
  if (f.type === "DateTime") return f.nativeType?.[0] === "Timestamptz" ? "timestamp with time zone" : "timestamp without time zone";
  return scalarTypes[f.type] ?? `unknown Prisma type ${f.type}`;
}

let columns: { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }[];
let uniques: { table_name: string; cols: string[] }[];

beforeAll(async () => {
  await client.connect();
  columns = (
    await client.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns
       WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
    )
  ).rows;
  // Unique indexes that are not partial: those are what @unique / @@unique / @id declare.
  uniques = (
    await client.query(
      `SELECT t.relname AS table_name, array_agg(a.attname ORDER BY k.ord)::text[] AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE i.indisunique AND i.indpred IS NULL AND t.relname <> 'schema_migrations'
       GROUP BY t.relname, i.indexrelid`,
    )
  ).rows;
});

afterAll(() => client.end());

const table = (m: Model) => m.dbName ?? m.name;
const column = (f: Field) => f.dbName ?? f.name;
const scalars = (m: Model) => m.fields.filter((f) => f.kind !== "object");

describe("schema.prisma matches the migrated database", () => {
  it("has exactly the same tables", () => {
    const db = [...new Set(columns.map((c) => c.table_name))].sort();
    expect(db).toEqual(dmmf.models.map(table).sort());
  });

  for (const m of dmmf.models) {
    it(`${m.name}: same columns, types and nullability`, () => {
      const actual = columns
        .filter((c) => c.table_name === table(m))
        .map((c) => ({
          column: c.column_name,
          type: c.data_type === "USER-DEFINED" || c.data_type === "ARRAY" ? c.udt_name : c.data_type,
          nullable: c.is_nullable === "YES",
        }))
        .sort((a, b) => a.column.localeCompare(b.column));
      const expected = scalars(m)
        .map((f) => ({ column: column(f), type: expectedType(f), nullable: !f.isRequired && !f.isList }))
        .sort((a, b) => a.column.localeCompare(b.column));
      expect(actual).toEqual(expected);
    });

    it(`${m.name}: same unique constraints`, () => {
      const byName = new Map(scalars(m).map((f) => [f.name, column(f)]));
      const expected = [
        ...scalars(m).filter((f) => f.isUnique || f.isId).map((f) => [column(f)]),
        ...m.uniqueFields.map((u) => u.map((n) => byName.get(n)!)),
        ...(m.primaryKey ? [m.primaryKey.fields.map((n) => byName.get(n)!)] : []),
      ]
        .map((cols) => cols.join(","))
        .sort();
      const actual = uniques
        .filter((u) => u.table_name === table(m))
        .map((u) => u.cols.join(","))
        .sort();
      expect(actual).toEqual(expected);
    });
  }

  it("has the same enum values", async () => {
    const { rows } = await client.query<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.values]));
    const expected = Object.fromEntries(dmmf.enums.map((e) => [e.name, e.values.map((v) => v.name)]));
    expect(actual).toEqual(expected);
  });
});
