import { describe, expect, it } from "vitest";
import { citedFigures, figureNumbers, mentionsFigure } from "./mentions";

const cites = (text: string) => [...citedFigures(text)];

describe("figureNumbers", () => {
  it.each([
    ["Figure 3", ["3"]],
    ["Fig. 2A", ["2"]],
    ["FIGURE 4", ["4"]],
    ["Fig 1.", ["1"]],
    ["Figure S1", ["S1"]],
    ["Supplementary Figure 2", ["S2"]],
    ["Supplementary Figure S2", ["S2"]],
    ["Suppl. Fig. 5", ["S5"]],
    ["Extended Data Fig. 3", ["ED3"]],
    ["Figure 3.1", ["3.1"]],
    ["Figure 1—figure supplement 2.", ["1-FS2"]],
    ["4.", ["4"]],
    ["S2", ["S2"]],
    ["Table 1", []],
    ["Scheme 2", []],
    ["", []],
  ])("%j → %j", (label, numbers) => {
    expect(figureNumbers(label)).toEqual(numbers);
  });
});

describe("mentionsFigure: cites the figure", () => {
  it.each([
    ["as shown in Figure 3.", "3"],
    ["as shown in Fig. 3, the lesion", "3"],
    ["(Fig 3B)", "3"],
    ["(Fig. 3c)", "3"],
    ["figure 3 shows", "3"],
    ["FIG. 3", "3"],
    ["Fig.3", "3"],
    ["Figure\u00a03", "3"],
    ["Figs. 2 and 3", "3"],
    ["Figs. 2 and 3", "2"],
    ["Figures 2 & 3", "3"],
    ["Figure 2 or 3", "3"],
    ["Figs. 1, 3, and 5", "5"],
    ["Figs. 1, 3, and 5", "3"],
    ["Figures 2–4", "3"],
    ["Figures 2-4", "3"],
    ["Figures 2—4", "3"],
    ["Figures 2 to 4", "3"],
    ["Figures 2 through 4", "4"],
    ["Figs. 2A–4B", "3"],
    ["Fig. 3a, b and c", "3"],
    ["Fig. 3(a–c)", "3"],
    ["Fig. 3 (A and B) and 4", "4"],
    ["Supplementary Figure S3", "S3"],
    ["Supplementary Fig. 3", "S3"],
    ["see Figure S3", "S3"],
    ["Figures S2–S4", "S3"],
    ["Figures S2–4", "S3"],
    ["Extended Data Fig. 2", "ED2"],
    ["Figures 3.1–3.3", "3.2"],
    ["Figure 1—figure supplement 2", "1-FS2"],
  ])("%j cites %s", (text, figure) => {
    expect(mentionsFigure(text, figure)).toBe(true);
  });

  it("accepts a lower-case figure id", () => {
    expect(mentionsFigure("Figure S3", "s3")).toBe(true);
  });
});

describe("mentionsFigure: does not cite the figure", () => {
  it.each([
    ["Figure 31 shows", "3"],
    ["Figure 13 shows", "3"],
    ["Figure 3.1 of the thesis", "3"],
    ["Table 3", "3"],
    ["Tables 2–4", "3"],
    ["Supplementary Figure S3", "3"],
    ["Figure S3", "3"],
    ["Supplementary Figure 3", "3"],
    ["Extended Data Fig. 3", "3"],
    ["Figure 3", "S3"],
    ["configure 3 options", "3"],
    ["subfigure 3", "3"],
    ["a figurative 3", "3"],
    ["Figure 2 and Table 3", "3"],
    ["In Figure 1, 10 patients", "10"],
    ["Figs. 1–100", "50"],
    ["Figure 1—figure supplement 2", "1"],
    ["3 figures", "3"],
    ["", "3"],
  ])("%j does not cite %s", (text, figure) => {
    expect(mentionsFigure(text, figure)).toBe(false);
  });
});

describe("citedFigures", () => {
  it("lists every figure a paragraph cites, in order", () => {
    expect(cites("Compare Fig. 4 with Figs. 1, 2 and 6–8; see also Supplementary Figure S2 and Table 5.")).toEqual([
      "4", "1", "2", "6", "7", "8", "S2",
    ]);
  });

  it("keeps a wide range to its ends", () => {
    expect(cites("Figures 1–100")).toEqual(["1", "100"]);
  });

  it("takes panels as part of the figure, not as more figures", () => {
    expect(cites("Fig. 2A–C, 3")).toEqual(["2"]);
    expect(cites("Figs. 2A–C, 3")).toEqual(["2", "3"]);
  });
});
