import { createRng } from "./prng";
import { valueNoise } from "./images/common";
import { planScan, renderScan } from "./images/scan";
import sharp from "sharp";
const rng = createRng(1, "x");
let t = performance.now();
for (let i = 0; i < 10; i++) valueNoise(rng, 600, 600, 20);
console.log("noise", (performance.now() - t) / 10);
const raw = new Uint8Array(600 * 600 * 3); for (let i = 0; i < raw.length; i++) raw[i] = (i * 7919) % 251;
for (const f of ["png", "jpg"] as const) {
  t = performance.now();
  for (let i = 0; i < 10; i++) { const s = sharp(raw, { raw: { width: 600, height: 600, channels: 3 } }); await (f === "png" ? s.png({compressionLevel:6}) : s.jpeg({quality:86})).toBuffer(); }
  console.log(f, (performance.now() - t) / 10);
}
for (const f of ["png", "jpg"] as const) {
  t = performance.now();
  for (let i = 0; i < 10; i++) await renderScan(rng, { width: 600, height: 600, format: f }, planScan(rng));
  console.log("scan", f, (performance.now() - t) / 10);
}
