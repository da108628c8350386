// The import benchmark's input: a folder with records.jsonl (the reference
// pipeline's figure-record fields) and one distinct PNG per record. Made once
// per figure count and cached under bench/out/import-<n>/.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pngFor } from "./png";
import { rng } from "./stats";
import { caption, mentions } from "./text";

const JOURNALS = ["JNS", "NEUSUR", "WNEU", "SPINE", "FOCUS"];

export function importInput(n: number): { dir: string; made: boolean } {
  const dir = path.resolve("bench/out", `import-${n}`);
  if (existsSync(path.join(dir, ".complete"))) return { dir, made: false };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, "images"), { recursive: true });
  const r = rng(n);
  const lines: string[] = [];
  let paper = 0;
  let left = 0;
  let fig = 0;
  for (let i = 0; i < n; i++) {
    if (left === 0) {
      paper += 1;
      left = 1 + Math.floor(r() * 7); // 1–7 figures, about 4 a paper
      fig = 0;
    }
    left -= 1;
    fig += 1;
    const id = `fig-${String(i).padStart(6, "0")}`;
    const label = `Figure ${fig}`;
    lines.push(
      JSON.stringify({
        custom_id: id,
        fig_label: label,
        fig_caption: caption(r, label),
        in_text_mention: mentions(r, label, Math.floor(r() * 3)),
        image: `images/${id}.png`,
        paper: `paper-${paper}`,
        page: 1 + Math.floor(r() * 12),
        journal: JOURNALS[paper % JOURNALS.length],
      }),
    );
    writeFileSync(path.join(dir, "images", `${id}.png`), pngFor(i));
  }
  writeFileSync(path.join(dir, "records.jsonl"), lines.join("\n") + "\n");
  writeFileSync(path.join(dir, ".complete"), `${n}\n`);
  return { dir, made: true };
}
