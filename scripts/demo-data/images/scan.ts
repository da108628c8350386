// Grayscale scan-like images (MRI/CT-ish): dark background, a noisy elliptical
// head/body (or a sagittal spine), a bright or dark "lesion"; sometimes a 2×2
// multi-panel figure with panel letters A–D and white arrows at the lesions.
import type { Rng } from "../prng";
import { FONT, PIXEL_SCALE, clamp255, encode, fromRgb, r1, valueNoise, type ImageRequest } from "./common";

export type ScanView = "axial-head" | "sagittal-spine" | "axial-body";
export type Modality = "CT" | "T1" | "T2" | "FLAIR";
export type ScanPlan = { view: ScanView; modalities: Modality[]; panels: 1 | 4; arrows: boolean };

type Lesion = { x: number; y: number; r: number };

/** What the scan will show; the caption writer uses the same plan. */
export function planScan(rng: Rng, region: "brain" | "spine"): ScanPlan {
  const view: ScanView = region === "brain" ? "axial-head" : rng.chance(0.7) ? "sagittal-spine" : "axial-body";
  const panels = rng.chance(0.3) ? 4 : 1;
  const pool: Modality[] = view === "axial-head" ? ["CT", "T1", "T2", "FLAIR"] : ["CT", "T1", "T2"];
  const modalities = panels === 4 ? [0, 1, 2, 3].map(() => rng.pick(pool)) : [rng.pick(pool)];
  return { view, modalities, panels, arrows: rng.chance(0.5) };
}

export async function renderScan(rng: Rng, req: ImageRequest, plan: ScanPlan): Promise<Buffer> {
  const { width: W, height: H } = req;
  // Pixels are drawn at PIXEL_SCALE; overlays (letters, arrows, gutters) at output size.
  const w = Math.round(W * PIXEL_SCALE);
  const h = Math.round(H * PIXEL_SCALE);
  const k = W / w;
  const px = new Uint8Array(w * h * 3);
  const overlay: string[] = [];
  const pointAt = (l: Lesion, size: number) => arrow({ x: l.x * k, y: l.y * k, r: l.r * k }, size);
  if (plan.panels === 1) {
    const lesion = drawPanel(rng, px, w, 0, 0, w, h, plan.view, plan.modalities[0]!);
    if (plan.arrows) overlay.push(pointAt(lesion, W));
  } else {
    const gutter = Math.max(4, Math.round(W / 100));
    const shade = rng.chance(0.5) ? "#fff" : "#000";
    const pw = (W - gutter) / 2;
    const ph = (H - gutter) / 2;
    overlay.push(`<rect x="${r1(pw)}" y="0" width="${gutter}" height="${H}" fill="${shade}"/>`);
    overlay.push(`<rect x="0" y="${r1(ph)}" width="${W}" height="${gutter}" fill="${shade}"/>`);
    for (let p = 0; p < 4; p++) {
      const x0 = (p % 2) * (pw + gutter);
      const y0 = Math.floor(p / 2) * (ph + gutter);
      const lesion = drawPanel(rng, px, w, Math.round(x0 / k), Math.round(y0 / k), Math.floor(pw / k), Math.floor(ph / k), plan.view, plan.modalities[p]!);
      const fs = Math.round(Math.max(14, pw / 9));
      overlay.push(
        `<text x="${r1(x0 + fs * 0.4)}" y="${r1(y0 + fs * 1.1)}" font-family="${FONT}" font-weight="bold" font-size="${fs}" fill="#fff">${"ABCD"[p]}</text>`,
      );
      if (plan.arrows && p !== 0) overlay.push(pointAt(lesion, pw));
    }
  }
  let img = fromRgb(px, w, h, W, H);
  if (overlay.length > 0) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${overlay.join("")}</svg>`;
    img = img.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]);
  }
  return encode(img, req.format);
}

/** A white arrow pointing at the lesion from the upper right. */
function arrow(l: Lesion, scale: number): string {
  const len = Math.max(24, scale / 8);
  const tipX = l.x + l.r * 0.9;
  const tipY = l.y - l.r * 0.9;
  const tailX = r1(tipX + len);
  const tailY = r1(tipY - len);
  const h = len / 3;
  return (
    `<line x1="${tailX}" y1="${tailY}" x2="${r1(tipX + h * 0.5)}" y2="${r1(tipY - h * 0.5)}" stroke="#fff" stroke-width="${r1(len / 10)}"/>` +
    `<polygon points="${r1(tipX)},${r1(tipY)} ${r1(tipX + h)},${r1(tipY - h * 0.3)} ${r1(tipX + h * 0.3)},${r1(tipY - h)}" fill="#fff"/>`
  );
}

/** Tissue intensities per modality: [fat/scalp, soft tissue, CSF, bone]. */
const SHADES: Record<Modality, { fat: number; tissue: number; csf: number; bone: number }> = {
  CT: { fat: 60, tissue: 120, csf: 45, bone: 245 },
  T1: { fat: 220, tissue: 125, csf: 40, bone: 30 },
  T2: { fat: 170, tissue: 105, csf: 235, bone: 25 },
  FLAIR: { fat: 150, tissue: 120, csf: 25, bone: 20 },
};

/** Draws one scan into the RGB buffer (gray in all three channels); returns the lesion position. */
function drawPanel(
  rng: Rng,
  px: Uint8Array,
  stride: number,
  x0: number,
  y0: number,
  w: number,
  h: number,
  view: ScanView,
  mod: Modality,
): Lesion {
  const s = SHADES[mod];
  const low = valueNoise(rng, w, h, Math.max(4, w / 5));
  const fine = valueNoise(rng, w, h, Math.max(1.5, w / 60));
  const cx = w * rng.float(0.46, 0.54);
  const cy = h * rng.float(0.46, 0.54);
  const rx = view === "axial-body" ? w * rng.float(0.4, 0.46) : w * rng.float(0.33, 0.4);
  const ry = view === "axial-body" ? h * rng.float(0.28, 0.34) : h * rng.float(0.38, 0.44);
  const bright = rng.chance(0.6);
  const ring = rng.chance(0.3);
  const lesionShade = bright ? rng.float(200, 250) : rng.float(10, 50);
  const lesion: Lesion = { x: 0, y: 0, r: Math.min(w, h) * rng.float(0.05, 0.11) };
  // Where the lesion sits depends on the view.
  if (view === "sagittal-spine") {
    lesion.x = w * rng.float(0.5, 0.6);
    lesion.y = h * rng.float(0.3, 0.7);
    lesion.r *= 0.7;
  } else {
    const a = rng.float(0, Math.PI * 2);
    const d = rng.float(0.2, 0.55);
    lesion.x = cx + Math.cos(a) * rx * d;
    lesion.y = cy + Math.sin(a) * ry * d;
  }
  const bendA = rng.float(-0.06, 0.06) * w;
  const vertH = h / rng.float(6.5, 8.5);
  const grain = mod === "CT" ? 10 : 22;

  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const n = low[i]! - 0.5;
      const f = fine[i]! - 0.5;
      let v = 6 + f * 8; // air
      if (view === "sagittal-spine") {
        v = sagittal(x, y, w, h, s, bendA, vertH, n);
      } else {
        const dx = (x - cx) / rx;
        const dy = (y - cy) / ry;
        const d = Math.sqrt(dx * dx + dy * dy);
        if (d < 1) {
          v = s.tissue + n * 50 + f * 30;
          if (d > 0.93) v = s.fat + n * 20; // scalp / subcutaneous fat
          else if (d > 0.86) v = view === "axial-head" ? s.bone + n * 10 : s.tissue * 0.8; // skull / muscle wall
          else if (view === "axial-head") {
            // Two crescent ventricles near the middle, a bright cortical ribbon near the edge.
            const vx = Math.abs(dx) - 0.14;
            const vy = dy + 0.05;
            if ((vx * vx) / 0.006 + (vy * vy) / 0.06 < 1) v = s.csf + n * 10;
            else if (d > 0.78) v = s.csf * 0.5 + s.tissue * 0.5 + n * 30;
          } else {
            // Axial body: vertebral body and canal at the back, bowel-ish blobs in front.
            const bx = (x - cx) / (rx * 0.16);
            const by = (y - (cy + ry * 0.55)) / (ry * 0.2);
            const bd = bx * bx + by * by;
            if (bd < 1) v = s.bone + n * 20;
            else if (bx * bx + (by + 1.5) * (by + 1.5) < 0.25) v = s.csf;
            else if (n > 0.18) v = s.fat * 0.7 + n * 30;
          }
        } else if (d < 1.02) {
          v = (v + s.fat) / 2; // soft edge
        }
      }
      // Lesion (with optional enhancing ring and a faint halo of oedema).
      const lx = (x - lesion.x) / lesion.r;
      const ly = (y - lesion.y) / lesion.r;
      const ld = Math.sqrt(lx * lx + ly * ly) + n * 0.35;
      if (ld < 1) v = ring && ld < 0.68 ? s.csf * 0.6 + 30 + f * 20 : lesionShade + f * 25;
      else if (ld < 1.7 && (mod === "T2" || mod === "FLAIR")) v += 40 * (1.7 - ld);

      v += (rng.next() - 0.5) * grain;
      const o = ((y0 + y) * stride + x0 + x) * 3;
      const g = clamp255(v);
      px[o] = g;
      px[o + 1] = g;
      px[o + 2] = g;
    }
  }
  return { x: lesion.x + x0, y: lesion.y + y0, r: lesion.r };
}

/** Sagittal spine: stacked vertebral bodies and discs, a cord with CSF behind them. */
function sagittal(
  x: number,
  y: number,
  w: number,
  h: number,
  s: (typeof SHADES)[Modality],
  bend: number,
  vertH: number,
  n: number,
): number {
  const t = y / h;
  const axis = w * 0.42 + bend * Math.sin(t * Math.PI);
  const u = (x - axis) / (w * 0.11); // -1..1 across the vertebral body
  const cord = (x - (axis + w * 0.2)) / (w * 0.04);
  let v = s.tissue * 0.75 + n * 45; // paraspinal soft tissue
  if (Math.abs(u) < 1) {
    const k = (y % vertH) / vertH;
    const disc = k > 0.82;
    v = disc ? (s === SHADES.T2 ? 190 : s.tissue) + n * 20 : (s === SHADES.CT ? s.bone * 0.85 : s.fat * 0.7) + n * 30;
    if (Math.abs(u) > 0.9) v = s.bone * 0.6 + s.tissue * 0.4; // cortical edge
  } else if (Math.abs(cord) < 1) v = s.tissue + n * 15;
  else if (Math.abs(cord) < 1.9) v = s.csf + n * 15;
  else if (x > axis + w * 0.3) v = s.tissue * 0.85 + n * 70; // posterior elements / muscle
  if (x < w * 0.08 || x > w * 0.94) v *= 0.3; // dark field edge
  return v;
}
