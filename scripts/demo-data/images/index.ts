// One entry point for all image kinds.
import type { FigurePlan } from "../captions";
import type { Rng } from "../prng";
import { renderChart } from "./chart";
import type { ImageRequest } from "./common";
import { renderDiagram } from "./diagram";
import { renderPhoto } from "./photo";
import { renderScan } from "./scan";

export type { ImageFormat, ImageRequest } from "./common";

export function renderFigure(rng: Rng, fig: FigurePlan, req: ImageRequest): Promise<Buffer> {
  switch (fig.kind) {
    case "scan":
      return renderScan(rng, req, fig.plan);
    case "chart":
      return renderChart(rng, req, fig.plan);
    case "diagram":
      return renderDiagram(rng, req, fig.plan);
    case "photo":
      return renderPhoto(rng, req, fig.plan);
  }
}
