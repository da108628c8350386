// Installs the ONNX image classifier the feature extractor runs (ResNet-50 by
// default), either downloaded from a URL with a SHA-256 check or copied from
// a local file, then loads it once to prove it fits before it is put in place.
//
// USAGE
//   npx tsx scripts/fetch-model.ts --url <url> --sha256 <hex> [--out .data/models/resnet50.onnx]
//   npx tsx scripts/fetch-model.ts --file <local.onnx> [--sha256 <hex>] [--out .data/models/resnet50.onnx]
//
// The file is written next to its destination under a temporary name and
// renamed only after the checks pass, so a failed or interrupted run never
// leaves a half-written or wrong model where the app would load it.
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, realpathSync } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { createOnnxExtractor } from "@/lib/features/onnx";

export const DEFAULT_OUT = ".data/models/resnet50.onnx";

export type FetchModelOptions = { url?: string; file?: string; sha256?: string; out?: string };
export type InstalledModel = { path: string; sha256: string; bytes: number; extractor: { id: string; label: string; dim: number } };

export async function fetchModel(opts: FetchModelOptions): Promise<InstalledModel> {
  if (!opts.url === !opts.file) throw new Error("give either --url (with --sha256) or --file");
  if (opts.url && !opts.sha256) throw new Error("--url needs --sha256 <hex>: a download is only installed if its checksum matches");
  const expected = opts.sha256?.toLowerCase();
  if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) throw new Error(`--sha256 must be 64 hex digits; got '${opts.sha256}'`);

  const out = path.resolve(opts.out ?? DEFAULT_OUT);
  await mkdir(path.dirname(out), { recursive: true });
  const tmp = `${out}.part-${process.pid}`;
  try {
    const source = opts.url ? await download(opts.url) : createReadStream(opts.file!);
    const sha256 = await copyHashing(source, tmp);
    if (expected !== undefined && sha256 !== expected) {
      throw new Error(`SHA-256 mismatch for ${opts.url ?? opts.file}: expected ${expected}, got ${sha256}; nothing was installed`);
    }
    // Named after the destination, so the id printed is the one the app will compute.
    const extractor = await createOnnxExtractor({ modelPath: tmp, name: path.basename(out).replace(/\.onnx$/i, "") });
    await extractor.close?.();
    const { size } = await stat(tmp);
    await rename(tmp, out);
    return { path: out, sha256, bytes: size, extractor: { id: extractor.id, label: extractor.label, dim: extractor.dim } };
  } finally {
    await rm(tmp, { force: true });
  }
}

async function download(url: string): Promise<Readable> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (err) {
    // fetch says only "fetch failed"; the reason (DNS, refused, TLS) is in its cause.
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new Error(`download of ${url} failed: ${cause}`);
  }
  if (!res.ok || !res.body) throw new Error(`download of ${url} failed: HTTP ${res.status} ${res.statusText}`);
  return Readable.fromWeb(res.body as ReadableStream<Uint8Array>);
}

/** Streams `source` into `dest`, returning the SHA-256 of what was written. */
async function copyHashing(source: Readable, dest: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        yield chunk;
      }
    },
    createWriteStream(dest),
  );
  return hash.digest("hex");
}

const USAGE =
  "usage: npx tsx scripts/fetch-model.ts --url <url> --sha256 <hex> [--out .data/models/resnet50.onnx]\n" +
  "       npx tsx scripts/fetch-model.ts --file <local.onnx> [--sha256 <hex>] [--out .data/models/resnet50.onnx]";

export function parseArgs(argv: string[]): FetchModelOptions {
  const opts: FetchModelOptions = {};
  const keys = { "--url": "url", "--file": "file", "--sha256": "sha256", "--out": "out" } as const;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const key = keys[flag as keyof typeof keys];
    const value = argv[i + 1];
    if (!key) throw new Error(`unknown argument '${flag}'\n${USAGE}`);
    if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value\n${USAGE}`);
    opts[key] = value;
    i++;
  }
  if (!opts.url && !opts.file) throw new Error(USAGE);
  return opts;
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  Promise.resolve()
    .then(() => fetchModel(parseArgs(process.argv.slice(2))))
    .then((m) => {
      console.log(`installed ${m.path} (${(m.bytes / 1024 / 1024).toFixed(1)} MB, sha256 ${m.sha256})`);
      console.log(`extractor ${m.extractor.id}: ${m.extractor.label}, ${m.extractor.dim}-d features`);
      console.log("Set this in the environment of the app and the workers:");
      console.log(`FEATURE_MODEL_PATH=${m.path}`);
    })
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
