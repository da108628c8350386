// Stream-extracts an uploaded .zip / .tar.gz / .tar into a folder, entry by
// entry, so a multi-GB archive never sits in memory. Archives come from users,
// so every entry is distrusted: only regular files and folders are written,
// only inside destDir, and the total size and entry count are capped against
// zip bombs. A skipped entry becomes an ImportIssue; a damaged archive or a
// blown cap throws, leaving what was extracted so far in place.
import { createReadStream } from "node:fs";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import tarStream from "tar-stream";
import yauzl from "yauzl";
import type { ImportIssue } from "./types";

export type ArchiveFormat = "zip" | "tar.gz" | "tar";

export type ExtractLimits = { maxTotalBytes: number; maxEntries: number };

export const defaultExtractLimits: ExtractLimits = { maxTotalBytes: 200 * 1024 ** 3, maxEntries: 5_000_000 };

export type ExtractResult = { files: string[]; issues: ImportIssue[] };

export function detectArchive(fileName: string): ArchiveFormat | null {
  const name = fileName.toLowerCase();
  if (name.endsWith(".zip")) return "zip";
  if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) return "tar.gz";
  if (name.endsWith(".tar")) return "tar";
  return null;
}

export async function extractArchive(
  archivePath: string,
  destDir: string,
  limits: Partial<ExtractLimits> = {},
): Promise<ExtractResult> {
  const archiveName = path.basename(archivePath);
  // Magic bytes first: uploads are often stored under temporary names, and a
  // ".tar.gz" that is really a zip should still open.
  const format = (await sniffFormat(archivePath)) ?? detectArchive(archiveName);
  if (format === null) {
    throw new Error(`"${archiveName}" is not a .zip, .tar.gz or .tar archive; upload one of those.`);
  }
  const sink = new EntrySink(path.resolve(destDir), archiveName, { ...defaultExtractLimits, ...limits });
  await mkdir(sink.root, { recursive: true });
  try {
    if (format === "zip") await extractZip(archivePath, sink);
    else await extractTar(archivePath, format === "tar.gz", sink);
  } catch (error) {
    throw sink.explain(error);
  }
  return { files: [...sink.files].sort(), issues: sink.issues };
}

async function sniffFormat(archivePath: string): Promise<ArchiveFormat | null> {
  const handle = await open(archivePath, "r");
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return "tar.gz";
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x04034b50) return "zip";
    if (bytesRead >= 4 && head.readUInt32LE(0) === 0x06054b50) return "zip"; // empty zip
    if (bytesRead >= 262 && head.toString("latin1", 257, 262) === "ustar") return "tar";
    return null;
  } finally {
    await handle.close();
  }
}

/** A cap was exceeded: not damage, so it is reported as it is. */
class LimitExceeded extends Error {}

/** Disk-side write failures (full disk, permissions) are the server's problem, not the archive's. */
class WriteFailed extends Error {}

/** Path conflicts inside the archive itself: a file and a folder with one name, names too long. */
const entryConflictCodes = new Set(["ENOTDIR", "EISDIR", "EEXIST", "ENAMETOOLONG"]);

/** Receives entries from either format, checks them, and writes the acceptable ones. */
class EntrySink {
  readonly files = new Set<string>();
  readonly issues: ImportIssue[] = [];
  private entries = 0;
  private bytes = 0;

  constructor(
    readonly root: string,
    private readonly archiveName: string,
    private readonly limits: ExtractLimits,
  ) {}

  /** Counts an entry and returns its safe relative path, or null (with an issue) to skip it. */
  admit(name: string): string | null {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) {
      throw new LimitExceeded(
        `"${this.archiveName}" holds more than ${this.limits.maxEntries.toLocaleString("en-US")} entries, ` +
          `the most one import accepts; split it into smaller archives.`,
      );
    }
    const checked = checkEntryPath(name);
    if ("reason" in checked) {
      this.reject(name, checked.reason);
      return null;
    }
    return checked.path;
  }

  reject(name: string, reason: string): void {
    this.issues.push({ file: name, reason });
  }

  /** Reserves room for an entry of the declared size, before any byte of it is written. */
  reserve(declaredBytes: number): void {
    if (this.bytes + declaredBytes > this.limits.maxTotalBytes) throw this.tooBig();
  }

  async makeDir(name: string, rel: string): Promise<void> {
    try {
      await mkdir(this.target(rel), { recursive: true });
    } catch (error) {
      this.handleWriteError(name, error);
    }
  }

  /** Writes one regular file; returns false (with an issue) if its path clashes with another entry. */
  async writeFile(name: string, rel: string, source: AsyncIterable<Buffer>): Promise<boolean> {
    const target = this.target(rel);
    let handle;
    try {
      await mkdir(path.dirname(target), { recursive: true });
      handle = await open(target, "w", 0o644);
    } catch (error) {
      this.handleWriteError(name, error);
      return false;
    }
    let complete = false;
    try {
      for await (const chunk of source) {
        // Count what really comes out: declared sizes in a hostile archive can lie.
        this.bytes += chunk.length;
        if (this.bytes > this.limits.maxTotalBytes) throw this.tooBig();
        await handle.write(chunk).catch((error: unknown) => {
          throw new WriteFailed(`could not write ${rel}: ${messageOf(error)}`);
        });
      }
      complete = true;
    } finally {
      await handle.close();
      if (!complete) await rm(target, { force: true });
    }
    this.files.add(rel);
    return true;
  }

  /** Turns whatever stopped the extraction into an error a person can act on. */
  explain(error: unknown): Error {
    if (error instanceof LimitExceeded || error instanceof WriteFailed) return error;
    return new Error(
      `The archive "${this.archiveName}" is damaged or incomplete (${messageOf(error)}). ` +
        `Re-create it and upload it again; files extracted before the damage were kept.`,
    );
  }

  private target(rel: string): string {
    const target = path.resolve(this.root, rel);
    // checkEntryPath already refuses "..", absolute and drive paths; this is the backstop.
    if (!target.startsWith(this.root + path.sep)) throw new Error(`entry path escapes the import folder: ${rel}`);
    return target;
  }

  private handleWriteError(name: string, error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && entryConflictCodes.has(code)) {
      this.reject(
        name,
        `clashes with another entry of the archive (${code}): a file and a folder share this name, ` +
          `or the name is too long; it was skipped. Rename it and re-create the archive.`,
      );
      return;
    }
    throw new WriteFailed(`could not write ${name}: ${messageOf(error)}`);
  }

  private tooBig(): LimitExceeded {
    const gigabytes = (this.limits.maxTotalBytes / 1024 ** 3).toLocaleString("en-US", { maximumFractionDigits: 3 });
    return new LimitExceeded(
      `"${this.archiveName}" expands to more than ${gigabytes} GB, the most one import accepts ` +
        `(an archive that inflates this much may be a zip bomb); split it into smaller archives.`,
    );
  }
}

/** A safe relative path for an entry name, or why the entry must be skipped. */
export function checkEntryPath(name: string): { path: string } | { reason: string } {
  if (name.includes("\u0000")) return { reason: "its name contains a NUL character; it was skipped. Rename it and re-create the archive." };
  const slashed = name.replace(/\\/g, "/");
  if (slashed.startsWith("/") || /^[A-Za-z]:/.test(slashed)) {
    return {
      reason: "has an absolute path; archives may only hold relative paths, so it was skipped. Re-create the archive from inside its top folder.",
    };
  }
  const segments = slashed.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    return {
      reason: "has a path with '..' that would land outside the import folder, so it was skipped. Re-create the archive without it.",
    };
  }
  return { path: segments.join("/") };
}

const linkReason = "is a link; links are never followed or created, so it was skipped. Put the real file in its place and re-create the archive.";

async function extractZip(archivePath: string, sink: EntrySink): Promise<void> {
  // decodeStrings: false, because yauzl's own name check aborts the whole
  // archive on the first bad name; here a bad entry is skipped and reported.
  const zip = await yauzl.openPromise(archivePath, {
    lazyEntries: true,
    autoClose: true,
    decodeStrings: false,
    validateEntrySizes: true,
  });
  try {
    for (let entry = await nextZipEntry(zip); entry !== null; entry = await nextZipEntry(zip)) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      const rel = sink.admit(name);
      if (rel === null || rel === "") continue;
      const type = zipEntryType(entry, name);
      if (type === "directory") {
        await sink.makeDir(name, rel);
      } else if (type === "symlink") {
        sink.reject(name, linkReason);
      } else if (type === "special") {
        sink.reject(name, "is not a regular file (a device, socket or pipe); it was skipped.");
      } else if (entry.isEncrypted()) {
        sink.reject(name, "is password-protected; it was skipped. Re-create the archive without a password.");
      } else if (!entry.canDecodeFileData()) {
        sink.reject(
          name,
          `uses zip compression method ${entry.compressionMethod}, which cannot be read; it was skipped. ` +
            `Re-create the archive with standard (deflate) compression.`,
        );
      } else {
        sink.reserve(entry.uncompressedSize);
        const stream = await zip.openReadStreamPromise(entry);
        await sink.writeFile(name, rel, stream).finally(() => stream.destroy());
      }
    }
  } finally {
    zip.close();
  }
}

/** Reads the next central-directory entry; null at the end. */
function nextZipEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const done = () => {
      zip.off("entry", onEntry);
      zip.off("end", onEnd);
      zip.off("error", onError);
    };
    const onEntry = (entry: yauzl.Entry) => (done(), resolve(entry));
    const onEnd = () => (done(), resolve(null));
    const onError = (error: Error) => (done(), reject(error));
    zip.on("entry", onEntry);
    zip.on("end", onEnd);
    zip.on("error", onError);
    zip.readEntry();
  });
}

function zipEntryType(entry: yauzl.Entry, name: string): "file" | "directory" | "symlink" | "special" {
  // Unix tools keep the file mode in the high 16 bits; DOS tools leave them 0.
  const fileType = (entry.externalFileAttributes >>> 16) & 0o170000;
  if (fileType === 0o120000) return "symlink";
  if (name.endsWith("/") || fileType === 0o040000) return "directory";
  if (fileType === 0 || fileType === 0o100000) return "file";
  return "special";
}

async function extractTar(archivePath: string, gzipped: boolean, sink: EntrySink): Promise<void> {
  const extract = tarStream.extract();
  const source = createReadStream(archivePath);
  const feeding = (gzipped ? pipeline(source, createGunzip(), extract) : pipeline(source, extract)).then(
    () => null,
    (error: unknown) => error,
  );
  try {
    for await (const entry of extract) {
      const { name, type, size } = entry.header;
      const rel = sink.admit(name);
      if (rel === null || rel === "") {
        entry.resume();
      } else if (type === "file" || type === "contiguous-file") {
        sink.reserve(size);
        // streamx streams are async-iterable at run time; their type definitions just do not say so.
        if (!(await sink.writeFile(name, rel, entry as unknown as AsyncIterable<Buffer>))) entry.resume();
      } else if (type === "directory") {
        await sink.makeDir(name, rel);
        entry.resume();
      } else if (type === "symlink" || type === "link") {
        sink.reject(name, linkReason);
        entry.resume();
      } else {
        sink.reject(name, `is a ${type}, not a regular file; it was skipped.`);
        entry.resume();
      }
    }
  } catch (error) {
    source.destroy();
    throw error;
  }
  const feedError = await feeding;
  if (feedError !== null) throw feedError;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
