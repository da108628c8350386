// Builds import inputs on disk for tests: real images made with sharp,
// figure-record JSONL, and archives made by the system's tar and Python's
// zipfile (so hostile entries can be crafted).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";

export function tmp(prefix = "imp-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/** A distinct small PNG or JPEG per seed. */
export async function image(seed: number, format: "png" | "jpeg" = "png", size = 48): Promise<Buffer> {
  const raw = Buffer.alloc(size * size * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * (seed + 7) + seed * 31) % 256;
  const s = sharp(raw, { raw: { width: size, height: size, channels: 3 } });
  return format === "png" ? s.png().toBuffer() : s.jpeg().toBuffer();
}

/**
 * A PNG whose compressed pixel data is garbage but whose every chunk, CRC and
 * trailer is valid: only a full decode can tell (the import's check cannot).
 */
export function corruptPngData(png: Buffer): Buffer {
  const out = Buffer.from(png);
  let o = 8;
  while (out.toString("ascii", o + 4, o + 8) !== "IDAT") o += 12 + out.readUInt32BE(o);
  const len = out.readUInt32BE(o);
  for (let i = o + 8 + 10; i < o + 8 + Math.min(len, 40); i++) out[i]! ^= 0xff;
  out.writeUInt32BE(crc32(out.subarray(o + 4, o + 8 + len)), o + 8 + len);
  return out;
}

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

export type Rec = Record<string, unknown>;

export function record(i: number, extra: Rec = {}): Rec {
  return {
    custom_id: `fig-${i}`,
    fig_label: `Figure ${i}`,
    fig_caption: `Caption of figure ${i}: axial MRI.`,
    in_text_mention: i % 2 ? [`As Figure ${i} shows, the lesion enhances.`] : [],
    image: `images/fig-${i}.png`,
    paper: `paper-${Math.ceil(i / 3)}`,
    page: 1,
    journal: "Test J",
    ...extra,
  };
}

/** A folder with records.jsonl (lines as given, strings written verbatim) and images. */
export async function recordsFolder(lines: (Rec | string)[], images: Record<string, Buffer>): Promise<string> {
  const dir = tmp();
  mkdirSync(path.join(dir, "images"), { recursive: true });
  writeFileSync(path.join(dir, "records.jsonl"), lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  for (const [name, bytes] of Object.entries(images)) writeFileSync(path.join(dir, name), bytes);
  return dir;
}

export function tarGz(dir: string): string {
  const out = path.join(tmp(), "input.tar.gz");
  execFileSync("tar", ["-czf", out, "-C", dir, "."]);
  return out;
}

/** A zip whose entries are written exactly as named, including hostile names and symlinks. */
export function zip(entries: { name: string; data?: string; base64?: string; symlinkTo?: string }[]): string {
  const out = path.join(tmp(), "input.zip");
  const py = `
import base64, json, sys, zipfile
entries = json.loads(sys.argv[2])
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for e in entries:
        if "symlinkTo" in e:
            info = zipfile.ZipInfo(e["name"])
            info.external_attr = (0o120777 << 16)
            z.writestr(info, e["symlinkTo"])
        else:
            data = base64.b64decode(e["base64"]) if "base64" in e else e.get("data", "").encode()
            z.writestr(zipfile.ZipInfo(e["name"]), data)
`;
  execFileSync("python3", ["-c", py, out, JSON.stringify(entries)]);
  return out;
}
