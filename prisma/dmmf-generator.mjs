#!/usr/bin/env node
// A tiny Prisma generator that writes the schema's DMMF (models, fields,
// nullability, uniques) as JSON, for tests/db/schema-drift.test.ts to compare
// with the migrated database. Speaks Prisma's generator protocol: JSON-RPC
// requests on stdin, responses on stderr.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import readline from "node:readline";

const reply = (id, result) => process.stderr.write(JSON.stringify({ jsonrpc: "2.0", id, result }) + "\n");

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const msg = JSON.parse(line);
  if (msg.method === "getManifest") reply(msg.id, { manifest: { prettyName: "DMMF JSON", defaultOutput: "dmmf.json" } });
  if (msg.method === "generate") {
    const out = msg.params.generator.output.value;
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(msg.params.dmmf.datamodel, null, 1));
    reply(msg.id, null);
  }
});
