// A small JATS article written for the demo, shaped like a PubMed Central Open
// Access package: PMC0000001.nxml plus PMC0000001-g00N.jpg images. The PMCID,
// DOI, authors and content are invented.
//
// What it exercises in a JATS importer:
//   - Figure 1 is cited by a plain <xref ref-type="fig" rid="F1">, twice.
//   - Figures 2 and 3 are cited together by one multi-rid xref (rid="F2 F3").
//   - Figure 4 is cited only in plain text, as "Fig. 4B" (no xref).
//   - Figure 5's graphic is referenced but its image file is deliberately NOT
//     written (MISSING_FIGURE), so the import shows the caption-only, flagged path.
//   - <graphic xlink:href> has no file extension, as in PMC.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { SYNTHETIC_MARK, type FigurePlan } from "./captions";
import { esc } from "./images/common";
import { renderFigure } from "./images/index";
import { createRng } from "./prng";

export const PMCID = "PMC0000001";
export const JATS_DOI = "10.5555/synth.jats.0001";
export const JATS_JOURNAL = "J Neurosurg Synth";
/** The figure whose image file is left out on purpose. */
export const MISSING_FIGURE = "F5";

type JatsFigure = { id: string; title: string; text: string; fig: FigurePlan; width: number; height: number };

const FIGURES: JatsFigure[] = [
  {
    id: "F1",
    title: "Patient selection.",
    text: "Flow diagram of the invented cohort: of 214 patients screened, 151 were included in the analysis.",
    fig: {
      kind: "diagram",
      plan: {
        type: "flowchart",
        screened: 214,
        steps: [
          { what: "Assessed for eligibility", n: 188, excluded: 26 },
          { what: "Underwent surgery", n: 169, excluded: 19 },
          { what: "Included in analysis", n: 151, excluded: 18 },
        ],
      },
    },
    width: 720,
    height: 520,
  },
  {
    id: "F2",
    title: "Preoperative imaging.",
    text: "Axial post-contrast T1-weighted MRI showing a ring-enhancing left frontal mass abutting the precentral gyrus (arrow).",
    fig: { kind: "scan", plan: { view: "axial-head", modalities: ["T1"], panels: 1, arrows: true } },
    width: 560,
    height: 600,
  },
  {
    id: "F3",
    title: "Intraoperative view.",
    text: "Operative microscope photograph after corticectomy showing the tumor–cortex interface; suction (left) and bipolar forceps (right).",
    fig: { kind: "photo", plan: { microscope: true, drape: false, instruments: 2 } },
    width: 800,
    height: 560,
  },
  {
    id: "F4",
    title: "Pre- and postoperative MRI.",
    text: "(A) Preoperative axial FLAIR image and (B) preoperative post-contrast T1-weighted image of the lesion. (C) Postoperative FLAIR and (D) postoperative post-contrast T1-weighted images showing the resection cavity without residual enhancement.",
    fig: { kind: "scan", plan: { view: "axial-head", modalities: ["FLAIR", "T1", "FLAIR", "T1"], panels: 4, arrows: false } },
    width: 700,
    height: 700,
  },
  {
    id: "F5",
    title: "Survival.",
    text: "Kaplan–Meier curves of overall survival stratified by extent of resection (GTR vs STR); p value from the log-rank test.",
    fig: { kind: "chart", plan: { type: "km", groups: ["GTR", "STR"], xLabel: "Months", yLabel: "Overall survival", categories: [] } },
    width: 640,
    height: 440,
  },
];

const xref = (rid: string, text: string) => `<xref ref-type="fig" rid="${rid}">${text}</xref>`;
const graphicName = (i: number) => `${PMCID}-g${String(i + 1).padStart(3, "0")}`;

function figXml(i: number): string {
  const f = FIGURES[i]!;
  return [
    `<fig id="${f.id}" position="float">`,
    `<label>Figure ${i + 1}</label>`,
    `<caption><title>${esc(f.title)}</title><p>${esc(f.text)} ${esc(SYNTHETIC_MARK)}</p></caption>`,
    `<graphic xlink:href="${graphicName(i)}"/>`,
    `</fig>`,
  ].join("\n");
}

function articleXml(): string {
  const sec = (title: string, ...content: string[]) => `<sec>\n<title>${title}</title>\n${content.join("\n")}\n</sec>`;
  const p = (s: string) => `<p>${s}</p>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.2 20190208//EN" "JATS-archivearticle1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="research-article">
<front>
<journal-meta>
<journal-id journal-id-type="nlm-ta">${JATS_JOURNAL}</journal-id>
<journal-id journal-id-type="iso-abbrev">${JATS_JOURNAL}</journal-id>
<journal-title-group>
<journal-title>Synthetic Journal of Neurosurgery (demo data)</journal-title>
</journal-title-group>
<issn pub-type="epub">0000-0000</issn>
<publisher><publisher-name>Obsidian Studio demo data</publisher-name></publisher>
</journal-meta>
<article-meta>
<article-id pub-id-type="pmc">${PMCID}</article-id>
<article-id pub-id-type="doi">${JATS_DOI}</article-id>
<article-categories><subj-group subj-group-type="heading"><subject>Research Article</subject></subj-group></article-categories>
<title-group>
<article-title>Synthetic demo: awake craniotomy for glioblastoma near eloquent cortex, a series of invented cases</article-title>
</title-group>
<contrib-group>
<contrib contrib-type="author"><name><surname>Synthetic</surname><given-names>Demo</given-names></name></contrib>
<contrib contrib-type="author"><name><surname>Example</surname><given-names>Ada</given-names></name></contrib>
</contrib-group>
<pub-date pub-type="epub"><day>14</day><month>03</month><year>2023</year></pub-date>
<volume>1</volume>
<elocation-id>e0001</elocation-id>
<permissions><license license-type="open-access"><license-p>Synthetic demonstration content generated for Obsidian Studio; not real patients, not a real publication.</license-p></license></permissions>
<abstract>${p("This article is synthetic demonstration data. It imitates the structure of a PubMed Central Open Access article so that the import pipeline can be shown end to end. All cases, numbers and images are invented.")}</abstract>
<kwd-group><kwd>synthetic demo</kwd><kwd>glioblastoma</kwd><kwd>awake craniotomy</kwd></kwd-group>
</article-meta>
</front>
<body>
${sec("Introduction", p("Resection of glioblastoma near eloquent cortex balances extent of resection against the risk of new deficits. Awake mapping is one way to strike that balance."))}
${sec(
  "Methods",
  p(`We reviewed an invented cohort of consecutive patients treated with awake craniotomy. Patient selection is summarized in ${xref("F1", "Figure 1")}.`),
  figXml(0),
  p("Extent of resection was measured on postoperative MRI within 72 hours. Survival was estimated with the Kaplan–Meier method and compared with the log-rank test (p &lt; 0.05 considered significant)."),
)}
${sec(
  "Results",
  p(`Of the patients screened, 151 were analysed (${xref("F1", "Figure 1")}). A representative case is shown in ${xref("F2 F3", "Figures 2 and 3")}: a left frontal mass abutting the precentral gyrus was removed under cortical and subcortical mapping.`),
  figXml(1),
  figXml(2),
  p("Postoperative MRI showed a resection cavity without residual enhancement (Fig. 4B and D), and FLAIR signal decreased over follow-up."),
  figXml(3),
  p(`Median overall survival was longer after gross total than after subtotal resection (${xref("F5", "Figure 5")}).`),
  figXml(4),
)}
${sec("Discussion", p("In this invented series, mapping-guided resection achieved a high rate of gross total resection with few permanent deficits. The numbers are not real and must not be cited."))}
</body>
<back>
<ack>${p("Generated by scripts/demo-data/generate.ts.")}</ack>
</back>
</article>
`;
}

export type JatsResult = { dir: string; pmcid: string; nxml: string; figures: number; images: string[]; missingImage: string };

/** Writes <dir>/PMC0000001.nxml and the figure images (all but MISSING_FIGURE's). */
export async function writeJats(dir: string, seed: number): Promise<JatsResult> {
  await mkdir(dir, { recursive: true });
  const nxml = path.join(dir, `${PMCID}.nxml`);
  await writeFile(nxml, articleXml());
  const images: string[] = [];
  let missingImage = "";
  for (const [i, f] of FIGURES.entries()) {
    const name = `${graphicName(i)}.jpg`;
    if (f.id === MISSING_FIGURE) {
      missingImage = name;
      continue;
    }
    const buf = await renderFigure(createRng(seed, `jats:${f.id}`), f.fig, { width: f.width, height: f.height, format: "jpg" });
    await writeFile(path.join(dir, name), buf);
    images.push(name);
  }
  return { dir, pmcid: PMCID, nxml, figures: FIGURES.length, images, missingImage };
}
