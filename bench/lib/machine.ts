// One line saying where a benchmark ran, for docs/benchmarks.md.
import { execFileSync } from "node:child_process";
import os from "node:os";

export function machine(): string {
  const sh = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8" }).trim();
    } catch {
      return "?";
    }
  };
  const model = /Model name:\s*(.+)/.exec(sh("lscpu", []))?.[1]?.trim() ?? os.cpus()[0]?.model ?? "?";
  const pg = sh("psql", ["--version"]).replace(/^psql \(PostgreSQL\) /, "");
  return `${sh("nproc", [])} cores (${model}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, PostgreSQL ${pg}`;
}

export const utcDate = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");
