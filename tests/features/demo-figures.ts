// Figures of known kind from the demo data's image makers, for tests that
// need realistic scans, charts, diagrams and photos (sizes and formats drawn
// as scripts/demo-data/generate.ts draws them).
import { TOPICS, type FigureKind, type FigurePlan } from "@/scripts/demo-data/captions";
import { planChart } from "@/scripts/demo-data/images/chart";
import { planDiagram } from "@/scripts/demo-data/images/diagram";
import { renderFigure, type ImageFormat } from "@/scripts/demo-data/images/index";
import { planPhoto } from "@/scripts/demo-data/images/photo";
import { planScan } from "@/scripts/demo-data/images/scan";
import { createRng } from "@/scripts/demo-data/prng";

export const KINDS: FigureKind[] = ["scan", "chart", "diagram", "photo"];

export type DemoFigure = { kind: FigureKind; image: Buffer };

export async function demoFigures(perKind: number, seed = 5): Promise<DemoFigure[]> {
  const jobs: Promise<DemoFigure>[] = [];
  for (const kind of KINDS) {
    for (let i = 0; i < perKind; i++) {
      const rng = createRng(seed, `${kind}:${i}`);
      const topic = rng.pick(TOPICS);
      const width = rng.int(320, 900);
      const format: ImageFormat = rng.chance({ scan: 0.8, photo: 0.9, chart: 0.25, diagram: 0.25 }[kind]) ? "jpg" : "png";
      const [fig, aspect]: [FigurePlan, number] =
        kind === "scan"
          ? [{ kind, plan: planScan(rng, topic.region) }, rng.float(0.85, 1.2)]
          : kind === "chart"
            ? [{ kind, plan: planChart(rng, topic) }, rng.float(0.6, 0.8)]
            : kind === "diagram"
              ? [{ kind, plan: planDiagram(rng, topic.region) }, rng.float(0.65, 1.0)]
              : [{ kind, plan: planPhoto(rng) }, rng.float(0.62, 0.8)];
      jobs.push(renderFigure(rng, fig, { width, height: Math.round(width * aspect), format }).then((image) => ({ kind, image })));
    }
  }
  return Promise.all(jobs);
}
