// Finds the image file a record names. Records name images loosely: a path
// relative to the input root or to the record file, a bare file name, or (JATS)
// a file name without extension, e.g. <graphic xlink:href="pone.0012345.g001"/>
// while the package holds pone.0012345.g001.jpg and a .gif thumbnail.
import path from "node:path";
import { extensionOf, isIgnoredFile, stemOf } from "./paths";

/** Image extensions by preference when several files share a stem (PMC's .gif files are thumbnails). */
const imageExtensionRank = new Map(
  ["jpg", "jpeg", "png", "webp", "tif", "tiff", "gif", "bmp"].map((ext, rank) => [ext, rank] as const),
);

export type FileIndex = {
  rootDir: string;
  paths: Set<string>;
  /** Lower-case file name → relative paths. */
  byName: Map<string, string[]>;
  /** Lower-case image file name without extension → relative paths of images. */
  byStem: Map<string, string[]>;
};

export function indexFiles(rootDir: string, files: string[]): FileIndex {
  const index: FileIndex = { rootDir, paths: new Set(), byName: new Map(), byStem: new Map() };
  for (const file of files) {
    const rel = normalizeRef(file);
    if (isIgnoredFile(rel)) continue;
    index.paths.add(rel);
    push(index.byName, path.posix.basename(rel).toLowerCase(), rel);
    if (imageExtensionRank.has(extensionOf(rel))) push(index.byStem, stemOf(rel).toLowerCase(), rel);
  }
  return index;
}

/**
 * The absolute path of the image `ref` names, or null when there is none or
 * the name is ambiguous. Tries, in order: `ref` as a path from the input root;
 * as a path from the folder of `fromFile` (the record file naming it); a file
 * with the same name anywhere; an image with the same name minus extension.
 * When several folders hold a match, the one in `fromFile`'s folder wins;
 * if none is there, null: a wrong image is worse than a missing one.
 */
export function resolveImage(index: FileIndex, ref: string, fromFile?: string): string | null {
  const rel = normalizeRef(ref);
  if (rel === "") return null;
  const fromDir = fromFile === undefined ? "" : path.posix.dirname(normalizeRef(fromFile));
  const found =
    (index.paths.has(rel) ? rel : null) ??
    lookupBeside(index, rel, fromDir) ??
    pick(index.byName.get(path.posix.basename(rel).toLowerCase()), fromDir) ??
    pick(index.byStem.get(refStem(rel).toLowerCase()), fromDir);
  return found === null ? null : path.resolve(index.rootDir, found);
}

function lookupBeside(index: FileIndex, rel: string, fromDir: string): string | null {
  if (fromDir === "" || fromDir === ".") return null;
  const beside = path.posix.normalize(`${fromDir}/${rel}`);
  return index.paths.has(beside) ? beside : null;
}

function pick(candidates: string[] | undefined, fromDir: string): string | null {
  if (!candidates || candidates.length === 0) return null;
  const beside = candidates.filter((file) => path.posix.dirname(file) === fromDir);
  const pool = beside.length > 0 ? beside : candidates;
  if (new Set(pool.map((file) => path.posix.dirname(file))).size > 1) return null;
  return [...pool].sort(byImagePreference)[0] ?? null;
}

function byImagePreference(a: string, b: string): number {
  const rank = (file: string) => imageExtensionRank.get(extensionOf(file)) ?? imageExtensionRank.size;
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** "fig1.tif" → "fig1" (the package may hold fig1.jpg instead); "pone.0012345.g001" stays whole. */
function refStem(rel: string): string {
  return imageExtensionRank.has(extensionOf(rel)) ? stemOf(rel) : path.posix.basename(rel);
}

/** Backslashes to "/", no leading "./" or "/", no "." segments. */
function normalizeRef(ref: string): string {
  const posix = ref.trim().replace(/\\/g, "/");
  const normalized = path.posix.normalize(posix).replace(/^(\.\/)+/, "").replace(/^\/+/, "");
  return normalized === "." ? "" : normalized;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
