// Colour photo-like images (intra-operative-photo-ish): a reddish/pink tissue
// field with smooth lighting, blood and fat patches, specular glints, sometimes
// a microscope's round field or a green drape, and one or two metallic grey
// instruments with cylindrical shading.
import type { Rng } from "../prng";
import { PIXEL_SCALE, clamp255, encode, fromRgb, valueNoise, type ImageRequest } from "./common";

export type PhotoPlan = { microscope: boolean; drape: boolean; instruments: 1 | 2 };

export function planPhoto(rng: Rng): PhotoPlan {
  const microscope = rng.chance(0.4);
  return { microscope, drape: !microscope && rng.chance(0.4), instruments: rng.chance(0.35) ? 2 : 1 };
}

type Instrument = { ax: number; ay: number; bx: number; by: number; half: number; tint: number };

export async function renderPhoto(rng: Rng, req: ImageRequest, plan: PhotoPlan): Promise<Buffer> {
  // Pixels are drawn at PIXEL_SCALE and upscaled on encode.
  const w = Math.round(req.width * PIXEL_SCALE);
  const h = Math.round(req.height * PIXEL_SCALE);
  const low = valueNoise(rng, w, h, w / 4);
  const mid = valueNoise(rng, w, h, w / 14);
  const mid2 = valueNoise(rng, w, h, w / 9.3);
  const fine = valueNoise(rng, w, h, Math.max(1.5, w / 90));
  const veins = valueNoise(rng, w, h, w / 7);
  const base = [rng.float(175, 215), rng.float(55, 95), rng.float(65, 100)] as const;
  const lx = w * rng.float(0.3, 0.7);
  const ly = h * rng.float(0.3, 0.7);
  const sigma2 = (Math.max(w, h) * rng.float(0.45, 0.7)) ** 2;
  const fieldR = Math.min(w, h) * rng.float(0.42, 0.5);
  // Drape: everything beyond a straight line across one corner.
  const drapeAngle = rng.float(0, Math.PI * 2);
  const dnx = Math.cos(drapeAngle);
  const dny = Math.sin(drapeAngle);
  const drapeCut = Math.max(w, h) * rng.float(0.25, 0.4);
  const tools: Instrument[] = [];
  for (let k = 0; k < plan.instruments; k++) {
    // From a point on the image edge to a tip near the middle.
    const a = rng.float(0, Math.PI * 2);
    const reach = Math.max(w, h);
    tools.push({
      ax: w / 2 + Math.cos(a) * reach,
      ay: h / 2 + Math.sin(a) * reach,
      bx: w * rng.float(0.35, 0.65),
      by: h * rng.float(0.35, 0.65),
      half: Math.min(w, h) * rng.float(0.025, 0.05),
      tint: rng.float(-8, 8),
    });
  }

  const px = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const n = low[i]!;
      const m = 0.5 * mid[i]! + 0.5 * mid2[i]! + (n - 0.5) * 0.3;
      const f = fine[i]!;
      const vein = Math.abs(veins[i]! - 0.5);
      const dx = x - lx;
      const dy = y - ly;
      const light = 0.45 + 0.75 * Math.exp(-(dx * dx + dy * dy) / sigma2);
      const tex = 0.88 + 0.22 * f + 0.25 * (n - 0.5);
      let r = base[0] * tex;
      let g = base[1] * tex + 25 * (m - 0.5);
      let b = base[2] * tex;
      if (vein < 0.02) {
        // Vessels: thin winding dark-red lines.
        const t = 1 - vein / 0.02;
        r = r * (1 - t) + 130 * t;
        g = g * (1 - t) + 20 * t;
        b = b * (1 - t) + 35 * t;
      }
      if (m > 0.64) {
        // Pooled blood: dark red.
        const t = Math.min(1, (m - 0.64) * 8);
        r = r * (1 - t) + 115 * t;
        g = g * (1 - t) + 12 * t;
        b = b * (1 - t) + 18 * t;
      } else if (n > 0.74) {
        // Yellowish fat / dura.
        const t = Math.min(1, (n - 0.74) * 4);
        r = r * (1 - t) + 225 * t;
        g = g * (1 - t) + 185 * t;
        b = b * (1 - t) + 125 * t;
      }
      if (plan.drape && x * dnx + y * dny - (w / 2) * dnx - (h / 2) * dny > drapeCut) {
        const fold = 0.75 + 0.5 * m;
        r = 45 * fold;
        g = 120 * fold;
        b = 115 * fold;
      }
      r *= light;
      g *= light;
      b *= light;
      if (f > 0.86 && m < 0.55) {
        // Wet specular glints.
        const t = (f - 0.86) * 5;
        r += (255 - r) * t;
        g += (255 - g) * t;
        b += (255 - b) * t;
      }
      for (const tool of tools) {
        const shade = toolShade(tool, x, y);
        if (shade !== null) {
          const v = shade * (0.5 + light * 0.6);
          r = v;
          g = v + 2;
          b = v + 6 + tool.tint;
        }
      }
      if (plan.microscope) {
        const cx = x - w / 2;
        const cy = y - h / 2;
        const d = Math.sqrt(cx * cx + cy * cy) / fieldR;
        if (d > 1) {
          const t = Math.max(0, 1 - (d - 1) * 12);
          r *= t;
          g *= t;
          b *= t;
        }
      }
      const o = i * 3;
      const grain = (rng.next() - 0.5) * 10;
      px[o] = clamp255(r + grain);
      px[o + 1] = clamp255(g + grain);
      px[o + 2] = clamp255(b + grain);
    }
  }
  return encode(fromRgb(px, w, h, req.width, req.height), req.format);
}

/** Metal brightness if (x, y) lies on the instrument's shaft, else null. */
function toolShade(t: Instrument, x: number, y: number): number | null {
  const vx = t.bx - t.ax;
  const vy = t.by - t.ay;
  const len2 = vx * vx + vy * vy;
  const u = ((x - t.ax) * vx + (y - t.ay) * vy) / len2;
  if (u < 0 || u > 1) return null;
  // Taper towards the tip.
  const half = t.half * (u > 0.9 ? 1 - (u - 0.9) * 6 : 1);
  const cross = ((x - t.ax) * vy - (y - t.ay) * vx) / Math.sqrt(len2);
  const c = cross / half;
  if (c < -1 || c > 1) return null;
  const body = 55 + 95 * Math.sqrt(1 - c * c);
  const highlight = Math.abs(c + 0.35) < 0.1 ? 60 * (1 - Math.abs(c + 0.35) * 10) : 0;
  return body + highlight;
}
