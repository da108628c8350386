// Charts drawn as SVG and rendered by sharp: grouped bar charts with error
// bars, line plots with markers, and Kaplan–Meier-like step curves with
// censoring ticks; white background, axes, ticks, tick labels, legends.
import type { Rng } from "../prng";
import { FONT, encode, esc, fromSvg, r1, type ImageRequest } from "./common";

export type ChartType = "bar" | "line" | "km";
export type ChartPlan = { type: ChartType; groups: string[]; xLabel: string; yLabel: string; categories: string[] };

/** What the article is about, as far as a chart needs to know. */
export type ChartContext = { region: "brain" | "spine"; groups: string[][]; scores: string[]; survival: string[] };

const PALETTES = [
  ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e"],
  ["#222222", "#777777", "#bbbbbb", "#444444"],
  ["#3b4cc0", "#b40426", "#6a9f3a", "#8e44ad"],
];

/** Axis range by the first word of the y label. */
const Y_MAX: Record<string, number> = { VAS: 10, ODI: 100, mJOA: 20, NDI: 50, KPS: 100, mRS: 6, "House-Brackmann": 6, McCormick: 5, Blood: 1000, Length: 20 };
/** Scores that rise as patients improve (the others fall). */
const RISING = ["mJOA", "KPS"];

/** What the chart will show; the caption writer uses the same plan. */
export function planChart(rng: Rng, ctx: ChartContext): ChartPlan {
  const type = rng.pick<ChartType>(["bar", "line", "km"]);
  const groups = rng.pick(ctx.groups);
  const base = { type, groups, categories: [] as string[] };
  if (type === "km") return { ...base, xLabel: "Months", yLabel: rng.pick(ctx.survival) };
  if (type === "line") return { ...base, xLabel: "Months after surgery", yLabel: rng.pick(ctx.scores) };
  const yLabel = rng.pick(["Complication rate (%)", "Reoperation rate (%)", "Length of stay (days)", ...(ctx.region === "spine" ? ["Fusion rate (%)", "Blood loss (mL)"] : [])]);
  const categories = yLabel.startsWith("Complication")
    ? ctx.region === "spine"
      ? ["Infection", "Dural tear", "Hematoma", "Deficit", "Other"]
      : ["Infection", "CSF leak", "Hematoma", "Seizure", "Deficit"]
    : yLabel.endsWith("(%)")
      ? ["3 mo", "6 mo", "12 mo", "24 mo"]
      : ctx.region === "spine"
        ? ["1 level", "2 levels", "3+ levels"]
        : ["Frontal", "Temporal", "Parietal", "Occipital"];
  return { ...base, xLabel: "", yLabel, categories };
}

export async function renderChart(rng: Rng, req: ImageRequest, plan: ChartPlan): Promise<Buffer> {
  const { width: W, height: H } = req;
  const fs = Math.max(10, Math.round(W / 50));
  const m = { l: fs * 4.2, r: fs * 1.5, t: fs * 2.2, b: fs * 3.8 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const colors = rng.pick(PALETTES);
  const out: string[] = [];
  const text = (x: number, y: number, s: string, anchor = "middle", extra = "") =>
    out.push(`<text x="${r1(x)}" y="${r1(y)}" font-family="${FONT}" font-size="${fs}" text-anchor="${anchor}" fill="#222"${extra}>${esc(s)}</text>`);
  const X = (u: number) => m.l + u * pw; // u in [0, 1]
  const Y = (v: number) => m.t + (1 - v) * ph; // v in [0, 1]

  const yMax = plan.type === "km" ? 1 : (Y_MAX[plan.yLabel.split(" ")[0] ?? ""] ?? 100);
  const yTicks = plan.type !== "km" && yMax <= 10 ? yMax : 5;
  for (let k = 0; k <= yTicks; k++) {
    const v = k / yTicks;
    out.push(`<line x1="${r1(X(0) - fs * 0.4)}" y1="${r1(Y(v))}" x2="${r1(X(0))}" y2="${r1(Y(v))}" stroke="#222"/>`);
    if (rng.chance(0.3) || plan.type === "line") out.push(`<line x1="${r1(X(0))}" y1="${r1(Y(v))}" x2="${r1(X(1))}" y2="${r1(Y(v))}" stroke="#e5e5e5"/>`);
    const label = plan.type === "km" ? v.toFixed(1) : String(Math.round(v * yMax));
    text(X(0) - fs * 0.6, Y(v) + fs * 0.35, label, "end");
  }

  if (plan.type === "bar") drawBars(rng, plan, out, X, Y, colors, text, fs);
  else drawCurves(rng, plan, out, X, Y, colors, text, fs);

  // Axes on top of everything, then axis titles and the legend.
  out.push(`<path d="M${r1(X(0))},${r1(Y(1))} V${r1(Y(0))} H${r1(X(1))}" fill="none" stroke="#222" stroke-width="1.5"/>`);
  if (plan.xLabel) text(X(0.5), H - fs * 0.8, plan.xLabel);
  text(fs * 1.2, Y(0.5), plan.yLabel, "middle", ` transform="rotate(-90 ${r1(fs * 1.2)} ${r1(Y(0.5))})"`);
  // Legend: inside the top right for survival curves (they fall away from it), else a row above the plot.
  let lx = plan.type === "km" ? X(0.62) : X(0);
  plan.groups.forEach((g, i) => {
    const ly = plan.type === "km" ? m.t + fs * (0.4 + i * 1.4) : fs * 0.5;
    out.push(`<rect x="${r1(lx)}" y="${r1(ly)}" width="${fs}" height="${fs}" fill="${colors[i % colors.length]}"/>`);
    text(lx + fs * 1.5, ly + fs * 0.85, g, "start");
    if (plan.type !== "km") lx += fs * (3 + 0.62 * g.length);
  });
  if (plan.type === "km") text(X(0.62), m.t + fs * (1.4 + plan.groups.length * 1.4), `log-rank p = ${rng.float(0.001, 0.049).toFixed(3)}`, "start");

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fff"/>${out.join("")}</svg>`;
  return encode(fromSvg(svg).flatten({ background: "#ffffff" }), req.format);
}

type Text = (x: number, y: number, s: string, anchor?: string) => void;

function drawBars(rng: Rng, plan: ChartPlan, out: string[], X: (u: number) => number, Y: (v: number) => number, colors: string[], text: Text, fs: number) {
  const cats = plan.categories;
  const slot = 1 / cats.length;
  const bw = (slot * 0.75) / plan.groups.length;
  cats.forEach((c, ci) => {
    plan.groups.forEach((_, gi) => {
      const v = rng.float(0.15, 0.85);
      const x = X(ci * slot + slot * 0.125 + gi * bw);
      const w = X(bw) - X(0);
      out.push(`<rect x="${r1(x)}" y="${r1(Y(v))}" width="${r1(w)}" height="${r1(Y(0) - Y(v))}" fill="${colors[gi % colors.length]}" stroke="#222" stroke-width="0.5"/>`);
      const e = rng.float(0.03, 0.1);
      const mx = x + w / 2;
      out.push(`<path d="M${r1(mx)},${r1(Y(v - e))} V${r1(Y(v + e))} M${r1(mx - w / 4)},${r1(Y(v + e))} H${r1(mx + w / 4)}" stroke="#222" fill="none"/>`);
    });
    if (rng.chance(0.3)) text(X(ci * slot + slot / 2), Y(0.95), "*");
    const cx = X(ci * slot + slot / 2);
    out.push(`<line x1="${r1(cx)}" y1="${r1(Y(0))}" x2="${r1(cx)}" y2="${r1(Y(0) + fs * 0.4)}" stroke="#222"/>`);
    text(cx, Y(0) + fs * 1.5, c);
  });
}

function drawCurves(rng: Rng, plan: ChartPlan, out: string[], X: (u: number) => number, Y: (v: number) => number, colors: string[], text: Text, fs: number) {
  const km = plan.type === "km";
  const xTicks = km ? [0, 12, 24, 36, 48, 60] : [0, 3, 6, 12, 24];
  const xMax = xTicks[xTicks.length - 1]!;
  for (const t of xTicks) {
    out.push(`<line x1="${r1(X(t / xMax))}" y1="${r1(Y(0))}" x2="${r1(X(t / xMax))}" y2="${r1(Y(0) + fs * 0.4)}" stroke="#222"/>`);
    text(X(t / xMax), Y(0) + fs * 1.5, String(t));
  }
  plan.groups.forEach((_, gi) => {
    const color = colors[gi % colors.length];
    if (km) {
      // Survival falls in steps; small vertical ticks mark censored patients.
      let s = 1;
      let t = 0;
      let d = `M${r1(X(0))},${r1(Y(1))}`;
      const ticks: string[] = [];
      const hazard = rng.float(0.015, 0.05) * (1 + gi * 0.6);
      while (t < xMax && s > 0.05) {
        const next = Math.min(xMax, t + rng.float(1, 6));
        d += ` H${r1(X(next / xMax))}`;
        if (rng.chance(0.25)) ticks.push(`M${r1(X(next / xMax))},${r1(Y(s) - fs * 0.35)} v${r1(fs * 0.7)}`);
        s *= 1 - hazard * rng.float(1, 4);
        d += ` V${r1(Y(s))}`;
        t = next;
      }
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
      out.push(`<path d="${ticks.join(" ")}" stroke="${color}" stroke-width="1.5"/>`);
    } else {
      // Scores improve after surgery and level off; markers with error bars.
      // (mJOA rises as myelopathy improves; pain and disability scores fall.)
      const rises = RISING.some((r) => plan.yLabel.startsWith(r));
      const start = rises ? rng.float(0.35, 0.55) : rng.float(0.6, 0.9);
      const floor = rises ? rng.float(0.7, 0.85) - gi * 0.06 : rng.float(0.15, 0.4) + gi * 0.08;
      const pts = xTicks.map((t, k) => [X(t / xMax), Y(floor + (start - floor) * Math.exp(-k * rng.float(0.7, 1.4)))] as const);
      out.push(`<polyline points="${pts.map(([x, y]) => `${r1(x)},${r1(y)}`).join(" ")}" fill="none" stroke="${color}" stroke-width="2"${gi === 1 ? ' stroke-dasharray="6 4"' : ""}/>`);
      for (const [x, y] of pts) {
        const e = fs * rng.float(0.4, 1.2);
        out.push(`<path d="M${r1(x)},${r1(y - e)} V${r1(y + e)}" stroke="${color}"/>`);
        out.push(gi % 2 === 0 ? `<circle cx="${r1(x)}" cy="${r1(y)}" r="${r1(fs * 0.35)}" fill="${color}"/>` : `<rect x="${r1(x - fs * 0.3)}" y="${r1(y - fs * 0.3)}" width="${r1(fs * 0.6)}" height="${r1(fs * 0.6)}" fill="${color}"/>`);
      }
    }
  });
}
