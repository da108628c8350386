// The figure's text as the model reads it, in the reference's layout:
//
//   Figure Caption:
//   Figure 3: <caption>
//
//   Figure Context:
//   - <first paragraph citing the figure>
//   - <second …>
//
// The context section is left out when no paragraph cites the figure. Runs of
// whitespace (line breaks from PDF or XML extraction) become single spaces so
// that each bullet stays on one line.

export interface FigureText {
  figLabel: string;
  caption: string;
  mentions: readonly string[];
}

/** A worked example for the prompt: a figure's text in, the task's JSON out (no image). */
export interface FewShot<Output = unknown> {
  id: string;
  figure: FigureText;
  output: Output;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

export function formatFigureText({ figLabel, caption, mentions }: FigureText): string {
  const label = oneLine(figLabel);
  const captionLine = label ? `${label}: ${oneLine(caption)}` : oneLine(caption);
  const bullets = mentions.map(oneLine).filter((m) => m !== "");
  const sections = [`Figure Caption:\n${captionLine}`];
  if (bullets.length > 0) sections.push(`Figure Context:\n${bullets.map((m) => `- ${m}`).join("\n")}`);
  return sections.join("\n\n");
}
