import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeTar, makeZip } from "../../../tests/fixtures/import/build-archives";
import { detectArchive, extractArchive } from "./archive";

let work: string;
let dest: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), "archive-test-"));
  // Nested, so an escape by one or two levels would land somewhere we can check.
  dest = path.join(work, "out", "inner");
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function saved(name: string, data: Buffer): Promise<string> {
  const file = path.join(work, name);
  await writeFile(file, data);
  return file;
}

describe("detectArchive", () => {
  it("names the format from the file name", () => {
    expect(detectArchive("pmc.ZIP")).toBe("zip");
    expect(detectArchive("oa_package.tar.gz")).toBe("tar.gz");
    expect(detectArchive("oa_package.tgz")).toBe("tar.gz");
    expect(detectArchive("figures.tar")).toBe("tar");
    expect(detectArchive("figures.jsonl")).toBeNull();
    expect(detectArchive("figures.gz")).toBeNull();
  });
});

describe("extractArchive: zip", () => {
  it("extracts regular files and folders", async () => {
    const zip = makeZip([
      { name: "PMC1/", mode: 0o040755 },
      { name: "PMC1/article.nxml", data: "<article/>".repeat(100), deflate: true },
      { name: "PMC1/F1.jpg", data: "jpeg bytes" },
      { name: "records/figs.jsonl", data: "{}\n" },
    ]);
    const result = await extractArchive(await saved("input.zip", zip), dest);
    expect(result.issues).toEqual([]);
    expect(result.files).toEqual(["PMC1/F1.jpg", "PMC1/article.nxml", "records/figs.jsonl"]);
    expect(await readFile(path.join(dest, "PMC1/article.nxml"), "utf8")).toBe("<article/>".repeat(100));
  });

  it("skips entries that would escape the folder, links and special files, and says why", async () => {
    const zip = makeZip([
      { name: "../evil.txt", data: "x" },
      { name: "a/../../../evil.txt", data: "x" },
      { name: "..\\evil.txt", data: "x" },
      { name: "/tmp/abs-evil.txt", data: "x" },
      { name: "C:/evil.txt", data: "x" },
      { name: "passwd-link", data: "/etc/passwd", mode: 0o120777 },
      { name: "pipe", mode: 0o010644 },
      { name: "ok.txt", data: "fine" },
    ]);
    const result = await extractArchive(await saved("evil.zip", zip), dest);
    expect(result.files).toEqual(["ok.txt"]);
    const byFile = Object.fromEntries(result.issues.map((issue) => [issue.file, issue.reason]));
    // yauzl reads a backslash in a zip name as a folder separator, so "..\\evil.txt" is reported as "../evil.txt".
    expect(result.issues.map((issue) => issue.file).sort()).toEqual(
      ["../evil.txt", "../evil.txt", "/tmp/abs-evil.txt", "C:/evil.txt", "a/../../../evil.txt", "passwd-link", "pipe"],
    );
    expect(byFile["../evil.txt"]).toMatch(/'\.\.'.*re-create the archive/i);
    expect(byFile["/tmp/abs-evil.txt"]).toMatch(/absolute path/);
    expect(byFile["passwd-link"]).toMatch(/is a link/);
    expect(byFile["pipe"]).toMatch(/not a regular file/);
    expect(existsSync(path.join(work, "out", "evil.txt"))).toBe(false);
    expect(existsSync(path.join(work, "evil.txt"))).toBe(false);
    expect(existsSync("/tmp/abs-evil.txt")).toBe(false);
  });

  it("reports a truncated zip as damaged", async () => {
    const zip = makeZip([{ name: "a.txt", data: randomBytes(5000) }]);
    const file = await saved("cut.zip", zip.subarray(0, zip.length - 40));
    await expect(extractArchive(file, dest)).rejects.toThrow(/"cut\.zip" is damaged.*re-create it and upload it again/i);
  });

  it("reports a file that is no archive at all as damaged", async () => {
    const file = await saved("notes.zip", Buffer.from("these are not zip bytes"));
    await expect(extractArchive(file, dest)).rejects.toThrow(/damaged/);
  });

  it("stops at the byte cap", async () => {
    const zip = makeZip([{ name: "big.bin", data: Buffer.alloc(100_000), deflate: true }]);
    await expect(extractArchive(await saved("bomb.zip", zip), dest, { maxTotalBytes: 10_000 })).rejects.toThrow(
      /zip bomb/,
    );
    expect(existsSync(path.join(dest, "big.bin"))).toBe(false);
  });

  it("stops at the entry cap", async () => {
    const zip = makeZip([{ name: "a" }, { name: "b" }, { name: "c" }]);
    await expect(extractArchive(await saved("many.zip", zip), dest, { maxEntries: 2 })).rejects.toThrow(
      /more than 2 entries/,
    );
  });
});

describe("extractArchive: tar", () => {
  it("extracts a .tar.gz, including long (pax) names", async () => {
    const longName = `${"deep/".repeat(30)}F1.jpg`;
    const tgz = await makeTar(
      [
        { name: "PMC1/", type: "directory" },
        { name: "./PMC1/article.nxml", data: "<article/>" },
        { name: longName, data: "img" },
      ],
      { gzip: true },
    );
    const result = await extractArchive(await saved("oa.tar.gz", tgz), dest);
    expect(result.issues).toEqual([]);
    expect(result.files).toEqual(["PMC1/article.nxml", longName]);
    expect(await readFile(path.join(dest, longName), "utf8")).toBe("img");
  });

  it("recognises the format by content when the name says nothing", async () => {
    const tgz = await makeTar([{ name: "a.txt", data: "a" }], { gzip: true });
    const result = await extractArchive(await saved("upload-1234.bin", tgz), dest);
    expect(result.files).toEqual(["a.txt"]);
  });

  it("skips escaping paths, symlinks, hard links and devices", async () => {
    const tar = await makeTar([
      { name: "../evil.txt", data: "x" },
      { name: "/tmp/abs-evil.txt", data: "x" },
      { name: "passwd", type: "symlink", linkname: "/etc/passwd" },
      { name: "hard", type: "link", linkname: "../../etc/passwd" },
      { name: "fifo", type: "fifo" },
      { name: "tty", type: "character-device" },
      { name: "ok.txt", data: "fine" },
    ]);
    const result = await extractArchive(await saved("evil.tar", tar), dest);
    expect(result.files).toEqual(["ok.txt"]);
    const byFile = Object.fromEntries(result.issues.map((issue) => [issue.file, issue.reason]));
    expect(Object.keys(byFile).sort()).toEqual(["../evil.txt", "/tmp/abs-evil.txt", "fifo", "hard", "passwd", "tty"]);
    expect(byFile["hard"]).toMatch(/is a link/);
    expect(byFile["tty"]).toMatch(/character-device, not a regular file/);
    expect(existsSync(path.join(work, "out", "evil.txt"))).toBe(false);
    expect(existsSync("/tmp/abs-evil.txt")).toBe(false);
  });

  it("reports a file and a folder of the same name as an issue, not a crash", async () => {
    const tar = await makeTar([
      { name: "a", data: "file" },
      { name: "a/b.txt", data: "under a file" },
      { name: "c.txt", data: "c" },
    ]);
    const result = await extractArchive(await saved("clash.tar", tar), dest);
    expect(result.files).toEqual(["a", "c.txt"]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.file).toBe("a/b.txt");
  });

  it("reports a truncated .tar.gz as damaged and keeps what came before", async () => {
    const tgz = await makeTar(
      [
        { name: "first.txt", data: "early" },
        { name: "noise.bin", data: randomBytes(300_000) },
      ],
      { gzip: true },
    );
    const file = await saved("cut.tar.gz", tgz.subarray(0, Math.floor(tgz.length * 0.6)));
    await expect(extractArchive(file, dest)).rejects.toThrow(/"cut\.tar\.gz" is damaged.*upload it again/);
    expect(await readFile(path.join(dest, "first.txt"), "utf8")).toBe("early");
    expect(existsSync(path.join(dest, "noise.bin"))).toBe(false);
  });

  it("reports a truncated plain .tar as damaged", async () => {
    const tar = await makeTar([{ name: "noise.bin", data: randomBytes(50_000) }]);
    const file = await saved("cut.tar", tar.subarray(0, 20_000));
    await expect(extractArchive(file, dest)).rejects.toThrow(/damaged/);
  });

  it("stops at the byte cap before writing the entry", async () => {
    const tgz = await makeTar([{ name: "big.bin", data: Buffer.alloc(100_000) }], { gzip: true });
    await expect(extractArchive(await saved("bomb.tgz", tgz), dest, { maxTotalBytes: 10_000 })).rejects.toThrow(
      /zip bomb/,
    );
    expect(existsSync(path.join(dest, "big.bin"))).toBe(false);
  });
});
