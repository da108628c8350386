// Stores written in the old two-level layout are flattened in place, and
// the code finds their images afterwards.
import { mkdtempSync, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { flattenStoreLayout } from "@/lib/storage/store-layout";

describe("image store layout", () => {
  it("moves ab/cd/<hash> files to ab/<hash> (originals, thumbnails, previews), once", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "store-"));
    const hash = "ab".padEnd(64, "c");
    const old = [path.join(root, "ab", "cc", hash), path.join(root, "thumbs", "ab", "cc", `${hash}.webp`), path.join(root, "previews", "ab", "cc", `${hash}.webp`)];
    for (const f of old) {
      await fs.mkdir(path.dirname(f), { recursive: true });
      await fs.writeFile(f, "x");
    }
    await fs.mkdir(path.join(root, "llm", "ab"), { recursive: true }); // other folders are left alone
    expect(await flattenStoreLayout(root)).toBe(3);
    for (const f of [path.join(root, "ab", hash), path.join(root, "thumbs", "ab", `${hash}.webp`), path.join(root, "previews", "ab", `${hash}.webp`)]) {
      await expect(fs.readFile(f, "utf8")).resolves.toBe("x");
    }
    await expect(fs.access(path.join(root, "ab", "cc"))).rejects.toThrow();
    expect(await flattenStoreLayout(root)).toBe(0);
    expect(await flattenStoreLayout(path.join(root, "missing"))).toBe(0);
  });
});
