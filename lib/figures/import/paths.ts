// Small path helpers for the relative, "/"-separated paths an extracted input
// is described by.
import path from "node:path";

/**
 * Files an archive carries that are never content: macOS Finder metadata
 * (AppleDouble "._x" twins are binary, and a "._article.nxml" would otherwise be
 * parsed as a broken article) and desktop index files.
 */
export function isIgnoredFile(relPath: string): boolean {
  const parts = relPath.split("/");
  const name = parts[parts.length - 1] ?? "";
  return (
    parts.includes("__MACOSX") ||
    name.startsWith("._") ||
    name === ".DS_Store" ||
    name.toLowerCase() === "thumbs.db" ||
    name.toLowerCase() === "desktop.ini"
  );
}

/** Lower-case extension without the dot, "" if none: "a/B.JPG" → "jpg". */
export function extensionOf(relPath: string): string {
  return path.posix.extname(relPath).slice(1).toLowerCase();
}

/** File name without its last extension: "a/pone.0012345.g001.jpg" → "pone.0012345.g001". */
export function stemOf(relPath: string): string {
  const base = path.posix.basename(relPath);
  const ext = path.posix.extname(base);
  return ext.length > 0 ? base.slice(0, -ext.length) : base;
}
