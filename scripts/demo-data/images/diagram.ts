// Diagrams drawn as SVG and rendered by sharp: CONSORT-like patient flowcharts
// (boxes and arrows), and schematic anatomy (a lateral spine with pedicle
// screws and a rod, or a coronal brain outline with shaded regions).
import type { Rng } from "../prng";
import { FONT, encode, esc, fromSvg, r1, type ImageRequest } from "./common";

export type DiagramType = "flowchart" | "spine-schematic" | "brain-schematic";
export type FlowStep = { what: string; n: number; excluded: number };
export type DiagramPlan =
  | { type: "flowchart"; screened: number; steps: FlowStep[] }
  | { type: "spine-schematic"; levels: string[]; fusedFrom: number }
  | { type: "brain-schematic"; target: string };

/** What the diagram will show; the caption writer uses the same plan. */
export function planDiagram(rng: Rng, region: "brain" | "spine"): DiagramPlan {
  if (rng.chance(0.5)) {
    const screened = rng.int(180, 900);
    let n = screened;
    const steps: FlowStep[] = [];
    for (const what of ["Assessed for eligibility", "Underwent surgery", "Completed 12-month follow-up", "Included in analysis"]) {
      if (!rng.chance(0.75)) continue;
      const excluded = Math.round(n * rng.float(0.05, 0.3));
      n -= excluded;
      steps.push({ what, n, excluded });
    }
    return { type: "flowchart", screened, steps };
  }
  if (region === "spine") {
    const levels = rng.chance(0.6) ? ["L1", "L2", "L3", "L4", "L5", "S1"] : ["C3", "C4", "C5", "C6", "C7", "T1"];
    return { type: "spine-schematic", levels, fusedFrom: rng.int(1, levels.length - 3) };
  }
  return { type: "brain-schematic", target: rng.pick(["Tumor", "Target", "Lesion", "Hematoma"]) };
}

const FILLS = ["#dbe9f6", "#fde8c8", "#e3f1dc", "#f3dcec", "#eeeeee"];

export async function renderDiagram(rng: Rng, req: ImageRequest, plan: DiagramPlan): Promise<Buffer> {
  const { width: W, height: H } = req;
  const fs = Math.max(10, Math.round(W / 48));
  const body =
    plan.type === "flowchart"
      ? flowchart(rng, plan, W, H, fs)
      : plan.type === "spine-schematic"
        ? spine(rng, plan, W, H, fs)
        : brain(rng, plan, W, H, fs);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">` +
    `<defs><marker id="ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>` +
    `<rect width="${W}" height="${H}" fill="#fff"/>${body}</svg>`;
  return encode(fromSvg(svg).flatten({ background: "#ffffff" }), req.format);
}

const label = (x: number, y: number, s: string, fs: number, anchor = "middle", weight = "normal") =>
  `<text x="${r1(x)}" y="${r1(y)}" font-family="${FONT}" font-size="${fs}" font-weight="${weight}" text-anchor="${anchor}" fill="#222">${esc(s)}</text>`;

function flowchart(rng: Rng, plan: Extract<DiagramPlan, { type: "flowchart" }>, W: number, H: number, fs: number): string {
  const steps = [`Patients screened (n = ${plan.screened})`, ...plan.steps.map((s) => `${s.what} (n = ${s.n})`)];
  const exclusions = plan.steps.map((s) => `Excluded (n = ${s.excluded})`);
  const fill = rng.pick(FILLS);
  const rows = steps.length;
  const bw = W * 0.5;
  const bh = Math.min(fs * 3, (H * 0.8) / rows / 1.6);
  const gap = (H - rows * bh) / (rows + 1);
  const bx = W * 0.08;
  const out: string[] = [];
  steps.forEach((s, i) => {
    const y = gap + i * (bh + gap);
    out.push(`<rect x="${r1(bx)}" y="${r1(y)}" width="${r1(bw)}" height="${r1(bh)}" rx="4" fill="${fill}" stroke="#333" stroke-width="1.5"/>`);
    out.push(label(bx + bw / 2, y + bh / 2 + fs * 0.35, s, fs * 0.9));
    if (i < rows - 1) {
      const ax = bx + bw / 2;
      out.push(`<line x1="${r1(ax)}" y1="${r1(y + bh)}" x2="${r1(ax)}" y2="${r1(y + bh + gap - 2)}" stroke="#333" stroke-width="1.5" marker-end="url(#ah)"/>`);
      // Side box for those excluded at this step.
      const my = y + bh + gap / 2;
      const ex = W * 0.64;
      out.push(`<line x1="${r1(ax)}" y1="${r1(my)}" x2="${r1(ex - 2)}" y2="${r1(my)}" stroke="#333" stroke-width="1.5" marker-end="url(#ah)"/>`);
      out.push(`<rect x="${r1(ex)}" y="${r1(my - bh * 0.4)}" width="${r1(W * 0.32)}" height="${r1(bh * 0.8)}" fill="#fff" stroke="#333"/>`);
      out.push(label(ex + W * 0.16, my + fs * 0.3, exclusions[i] ?? "", fs * 0.85));
    }
  });
  return out.join("");
}

function spine(rng: Rng, plan: Extract<DiagramPlan, { type: "spine-schematic" }>, W: number, H: number, fs: number): string {
  const out: string[] = [];
  const { levels, fusedFrom: fused } = plan;
  const vh = (H * 0.8) / levels.length;
  const bone = rng.pick(["#f1e4c8", "#eadfcf", "#e8e8e8"]);
  const curve = rng.float(-0.08, 0.08) * W;
  const xs: number[] = [];
  levels.forEach((lv, i) => {
    const y = H * 0.1 + i * vh;
    const x = W * 0.35 + curve * Math.sin((i / levels.length) * Math.PI);
    xs.push(x);
    out.push(`<rect x="${r1(x)}" y="${r1(y)}" width="${r1(W * 0.2)}" height="${r1(vh * 0.72)}" rx="${r1(vh * 0.12)}" fill="${bone}" stroke="#555" stroke-width="1.5"/>`);
    // Posterior elements (pedicle + spinous process) as a wedge.
    out.push(`<path d="M${r1(x + W * 0.2)},${r1(y + vh * 0.15)} l${r1(W * 0.12)},${r1(vh * 0.1)} l${r1(W * 0.06)},${r1(vh * 0.3)} l${r1(-W * 0.18)},${r1(vh * 0.05)} z" fill="${bone}" stroke="#555"/>`);
    if (i < levels.length - 1) out.push(`<rect x="${r1(x + W * 0.01)}" y="${r1(y + vh * 0.74)}" width="${r1(W * 0.18)}" height="${r1(vh * 0.24)}" rx="3" fill="#9ec3e6" stroke="#6a8fb5"/>`);
    out.push(label(x - fs * 0.8, y + vh * 0.45, lv, fs, "end", "bold"));
  });
  // Pedicle screws at the fused levels, joined by a rod.
  const screws: [number, number][] = [];
  for (let i = fused; i <= fused + 2; i++) {
    const x = (xs[i] ?? 0) + W * 0.36;
    const y = H * 0.1 + i * vh + vh * 0.35;
    screws.push([x, y]);
    out.push(`<line x1="${r1(x)}" y1="${r1(y)}" x2="${r1(x - W * 0.26)}" y2="${r1(y + vh * 0.05)}" stroke="#666" stroke-width="${r1(vh * 0.1)}" stroke-linecap="round"/>`);
    out.push(`<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(vh * 0.1)}" fill="#888" stroke="#444"/>`);
  }
  out.push(`<polyline points="${screws.map(([x, y]) => `${r1(x)},${r1(y)}`).join(" ")}" fill="none" stroke="#555" stroke-width="${r1(vh * 0.07)}"/>`);
  out.push(label(W * 0.8, H * 0.1 + (fused + 1) * vh, "Rod", fs, "start"));
  out.push(label(W * 0.5, H * 0.06, rng.pick(["Posterior instrumented fusion", "Lateral view", "Schematic of the construct"]), fs, "middle", "bold"));
  return out.join("");
}

function brain(rng: Rng, plan: Extract<DiagramPlan, { type: "brain-schematic" }>, W: number, H: number, fs: number): string {
  const cx = W * 0.45;
  const cy = H * 0.52;
  const rx = W * 0.3;
  const ry = H * 0.36;
  const out: string[] = [];
  out.push(`<ellipse cx="${r1(cx)}" cy="${r1(cy)}" rx="${r1(rx)}" ry="${r1(ry)}" fill="#f6dede" stroke="#555" stroke-width="2"/>`);
  out.push(`<line x1="${r1(cx)}" y1="${r1(cy - ry)}" x2="${r1(cx)}" y2="${r1(cy + ry * 0.6)}" stroke="#555" stroke-width="1.5"/>`);
  // Ventricles, then a shaded target region with a trajectory arrow.
  for (const s of [-1, 1]) out.push(`<ellipse cx="${r1(cx + s * rx * 0.15)}" cy="${r1(cy - ry * 0.05)}" rx="${r1(rx * 0.08)}" ry="${r1(ry * 0.25)}" fill="#bfd9f2" stroke="#557"/>`);
  const tx = cx + rng.float(-0.5, 0.5) * rx;
  const ty = cy + rng.float(-0.4, 0.4) * ry;
  const tr = Math.min(rx, ry) * rng.float(0.12, 0.22);
  out.push(`<circle cx="${r1(tx)}" cy="${r1(ty)}" r="${r1(tr)}" fill="${rng.pick(["#f2b279", "#e57373", "#c39bd3"])}" stroke="#733" stroke-width="1.5"/>`);
  out.push(`<line x1="${r1(W * 0.9)}" y1="${r1(H * 0.12)}" x2="${r1(tx + tr * 0.7)}" y2="${r1(ty - tr * 0.7)}" stroke="#333" stroke-width="1.5" marker-end="url(#ah)"/>`);
  out.push(label(W * 0.9, H * 0.1, plan.target, fs, "end", "bold"));
  out.push(label(cx + rx * 0.4, cy + ry * 0.1, "Lateral ventricle", fs * 0.8, "start"));
  out.push(label(cx, cy + ry + fs * 1.4, "Coronal schematic", fs, "middle"));
  return out.join("");
}
