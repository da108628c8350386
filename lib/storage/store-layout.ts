// Moves an image store from the old two-level layout (ab/cd/<hash>) to the
// current one (ab/<hash>): originals, thumbnails and previews. Renames within
// one file system, so it is quick and safe to run again (it finds nothing).
import type { Dirent } from "node:fs";
import { promises as fs } from "node:fs";
import path from "node:path";

const SHARD = /^[0-9a-f]{2}$/;

async function dirs(dir: string): Promise<Dirent[]> {
  try {
    return (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() && SHARD.test(e.name));
  } catch {
    return []; // no store yet
  }
}

/** How many files moved. */
export async function flattenStoreLayout(root: string): Promise<number> {
  let moved = 0;
  for (const base of [root, path.join(root, "thumbs"), path.join(root, "previews")]) {
    for (const a of await dirs(base)) {
      const upper = path.join(base, a.name);
      for (const b of await dirs(upper)) {
        const lower = path.join(upper, b.name);
        for (const f of await fs.readdir(lower)) {
          await fs.rename(path.join(lower, f), path.join(upper, f));
          moved++;
        }
        await fs.rmdir(lower);
      }
    }
  }
  return moved;
}
