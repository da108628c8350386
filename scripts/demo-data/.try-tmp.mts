import { createRng } from "./prng";
import { writeFileSync } from "node:fs";
const kind = process.argv[2]!;
const mod = await import(`./images/${kind}.ts`);
const cap = kind[0]!.toUpperCase() + kind.slice(1);
for (let i = 0; i < 6; i++) {
  const rng = createRng(7, kind + i);
  const plan = mod[`plan${cap}`](rng);
  const t = performance.now();
  const w = rng.int(320, 900), h = Math.round(w * rng.float(0.6, 1.0));
  const buf = await mod[`render${cap}`](rng, { width: w, height: h, format: "png" }, plan);
  console.log(i, JSON.stringify(plan), w, h, Math.round(performance.now() - t), buf.length);
  writeFileSync(`/tmp/scratch/${kind}${i}.png`, buf);
}
