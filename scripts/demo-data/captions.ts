// Captions, in-text mention paragraphs and article titles for the demo, from
// templates. Wording is neurosurgery/spine-flavoured and plausible, but every
// case, number and result is invented. Captions carry SYNTHETIC_MARK so no one
// mistakes them for real literature.
import type { Rng } from "./prng";
import type { ChartPlan } from "./images/chart";
import type { DiagramPlan } from "./images/diagram";
import type { PhotoPlan } from "./images/photo";
import type { Modality, ScanPlan } from "./images/scan";

export const SYNTHETIC_MARK = "[synthetic demo figure]";

export type Region = "brain" | "spine";
export type FigurePlan =
  | { kind: "scan"; plan: ScanPlan }
  | { kind: "chart"; plan: ChartPlan }
  | { kind: "diagram"; plan: DiagramPlan }
  | { kind: "photo"; plan: PhotoPlan };
export type FigureKind = FigurePlan["kind"];

export type Topic = {
  region: Region;
  condition: string;
  procedure: string;
  /** Imaging findings, phrased to follow "showing". */
  findings: string[];
  /** What an intra-operative photograph shows, phrased to follow "showing". */
  exposures: string[];
  /** Compared groups, outcome scores and survival end points, for charts. */
  groups: string[][];
  scores: string[];
  survival: string[];
};

export const TOPICS: Topic[] = [
  {
    region: "brain",
    condition: "glioblastoma",
    procedure: "awake craniotomy and tumor resection",
    findings: ["a heterogeneously enhancing {side} frontal mass with central necrosis", "an infiltrative {side} temporal lesion with surrounding vasogenic edema", "a ring-enhancing {side} parietal mass with mass effect on the lateral ventricle"],
    exposures: ["the tumor–cortex interface after corticectomy", "the resection cavity after gross total resection", "the cortical surface with mapping tags in place"],
    groups: [["GTR", "STR"], ["IDH-mutant", "IDH-wildtype"], ["Awake", "Asleep"]], scores: ["KPS"], survival: ["Overall survival", "Progression-free survival"],
  },
  {
    region: "brain",
    condition: "convexity meningioma",
    procedure: "Simpson grade I resection",
    findings: ["a homogeneously enhancing extra-axial mass over the {side} convexity with a dural tail", "a calcified {side} parasagittal mass with adjacent hyperostosis"],
    exposures: ["the tumor after dural opening, with the arachnoid plane preserved", "the dural attachment before excision"],
    groups: [["Simpson I-II", "Simpson III-IV"], ["WHO grade 1", "WHO grade 2"]], scores: ["KPS"], survival: ["Recurrence-free survival"],
  },
  {
    region: "brain",
    condition: "aneurysmal subarachnoid hemorrhage",
    procedure: "microsurgical clipping",
    findings: ["diffuse subarachnoid blood in the basal cisterns", "a lobulated aneurysm arising from the {side} middle cerebral artery bifurcation", "early hydrocephalus with enlarged temporal horns"],
    exposures: ["the aneurysm neck after Sylvian fissure dissection", "the clip across the aneurysm neck with preserved branches"],
    groups: [["Clipping", "Coiling"], ["Early surgery", "Delayed surgery"]], scores: ["mRS score"], survival: ["Survival free of delayed ischemia", "Overall survival"],
  },
  {
    region: "brain",
    condition: "chronic subdural hematoma",
    procedure: "burr-hole evacuation",
    findings: ["a {side} hemispheric subdural collection with midline shift", "a mixed-density {side} subdural hematoma with internal membranes"],
    exposures: ["the outer membrane through the burr hole", "dark fluid egressing after membrane incision"],
    groups: [["Burr hole", "Twist drill"], ["Drain", "No drain"]], scores: ["mRS score"], survival: ["Recurrence-free survival"],
  },
  {
    region: "brain",
    condition: "vestibular schwannoma",
    procedure: "retrosigmoid resection",
    findings: ["an enhancing {side} cerebellopontine angle mass extending into the internal auditory canal", "a cystic {side} vestibular schwannoma compressing the brainstem"],
    exposures: ["the tumor capsule in the cerebellopontine angle", "the facial nerve after tumor debulking"],
    groups: [["Retrosigmoid", "Translabyrinthine"], ["Koos 3", "Koos 4"]], scores: ["House-Brackmann grade"], survival: ["Recurrence-free survival"],
  },
  {
    region: "spine",
    condition: "lumbar spinal stenosis",
    procedure: "decompressive laminectomy",
    findings: ["severe central canal stenosis at L4-5 with ligamentum flavum hypertrophy", "multilevel lumbar stenosis with facet arthropathy", "a {side} paracentral disc extrusion at L5-S1"],
    exposures: ["the decompressed thecal sac after laminectomy", "the traversing nerve root after foraminotomy"],
    groups: [["Laminectomy", "Laminotomy"], ["MIS", "Open"]], scores: ["VAS leg pain", "ODI score"], survival: ["Reoperation-free survival"],
  },
  {
    region: "spine",
    condition: "degenerative cervical myelopathy",
    procedure: "anterior cervical discectomy and fusion",
    findings: ["cord compression at C5-6 with intramedullary signal change", "multilevel cervical spondylosis with loss of lordosis", "ossification of the posterior longitudinal ligament behind C4-C6"],
    exposures: ["the decompressed dura after removal of the posterior longitudinal ligament", "the interbody cage seated at the operated level"],
    groups: [["ACDF", "Arthroplasty"], ["Anterior", "Posterior"]], scores: ["mJOA score", "NDI score"], survival: ["Reoperation-free survival"],
  },
  {
    region: "spine",
    condition: "degenerative spondylolisthesis",
    procedure: "transforaminal lumbar interbody fusion",
    findings: ["grade I anterolisthesis of L4 on L5 with foraminal narrowing", "a pars defect with grade II slip at L5-S1"],
    exposures: ["pedicle screw entry points after exposure", "the disc space prepared for the interbody cage"],
    groups: [["MIS-TLIF", "Open TLIF"], ["Navigation", "Freehand"]], scores: ["VAS back pain", "ODI score"], survival: ["Reoperation-free survival"],
  },
  {
    region: "spine",
    condition: "intramedullary spinal cord tumor",
    procedure: "posterior midline myelotomy and resection",
    findings: ["an enhancing intramedullary lesion at C3-5 with a cranial syrinx", "an expansile thoracic cord lesion with cap sign hemosiderin"],
    exposures: ["the posterior median sulcus after durotomy", "the tumor plane during myelotomy"],
    groups: [["GTR", "STR"], ["Ependymoma", "Astrocytoma", "Hemangioblastoma"]], scores: ["McCormick grade"], survival: ["Progression-free survival"],
  },
  {
    region: "spine",
    condition: "spinal metastasis",
    procedure: "separation surgery with posterior stabilization",
    findings: ["a destructive vertebral body lesion with epidural extension", "a pathological compression fracture with retropulsion into the canal"],
    exposures: ["circumferential epidural decompression of the thecal sac", "the posterior construct before closure"],
    groups: [["Separation surgery", "Radiotherapy alone"], ["SINS < 7", "SINS ≥ 7"]], scores: ["KPS", "VAS back pain"], survival: ["Overall survival", "Ambulation-preserving survival"],
  },
];

const MOD_TEXT: Record<Modality, string[]> = {
  CT: ["non-contrast CT", "contrast-enhanced CT", "CT"],
  T1: ["T1-weighted MRI with gadolinium", "post-contrast T1-weighted MRI"],
  T2: ["T2-weighted MRI", "T2-weighted image"],
  FLAIR: ["FLAIR MRI", "fluid-attenuated inversion recovery image"],
};

const VIEW_TEXT = { "axial-head": "Axial", "sagittal-spine": "Sagittal", "axial-body": "Axial" } as const;

/** Per-figure choices shared by its caption and its mentions, so they agree (same finding, same side). */
export type FigureFacts = { topic: Topic; finding: string; exposure: string };

export function figureFacts(rng: Rng, topic: Topic): FigureFacts {
  const side = rng.pick(["left", "right"]);
  const fill = (template: string) => template.replace(/\{side\}/g, side);
  return { topic, finding: fill(rng.pick(topic.findings)), exposure: fill(rng.pick(topic.exposures)) };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function scanCaption(rng: Rng, p: ScanPlan, { topic: t, finding }: FigureFacts): string {
  const one = (m: Modality, view = VIEW_TEXT[p.view]) => `${view} ${rng.pick(MOD_TEXT[m])}`;
  if (p.panels === 1) {
    const lead = `${one(p.modalities[0]!)} ${rng.pick(["showing", "demonstrating", "revealing"])} ${finding}.`;
    const tail = p.arrows ? ` ${rng.pick(["The arrow indicates the lesion.", "Arrow marks the abnormality."])}` : "";
    return lead + tail;
  }
  const stages = rng.chance(0.5) ? ["Preoperative", "Preoperative", "Postoperative", "Postoperative"] : ["", "", "", ""];
  const parts = p.modalities.map((m, i) => {
    const what = i === 0 ? finding : i < 2 ? rng.pick(["the same lesion", "corresponding signal change", "the extent of the abnormality"]) : rng.pick(["no residual lesion", "decompression at the operated level", "expected postoperative changes", "stable appearance"]);
    const stage = stages[i] ? `${stages[i]} ${VIEW_TEXT[p.view].toLowerCase()} ${rng.pick(MOD_TEXT[m])}` : one(m);
    return `(${"ABCD"[i]}) ${stage} showing ${what}.`;
  });
  const intro = rng.pick([`Imaging of a patient with ${t.condition}.`, `Representative case of ${t.condition}.`, ""]);
  const arrows = p.arrows ? " Arrows indicate the lesion in B–D." : "";
  return `${intro ? intro + " " : ""}${parts.join(" ")}${arrows}`;
}

function chartCaption(rng: Rng, p: ChartPlan, { topic: t }: FigureFacts): string {
  const groups = p.groups.length === 2 ? `${p.groups[0]} and ${p.groups[1]}` : `${p.groups.slice(0, -1).join(", ")}, and ${p.groups[p.groups.length - 1]}`;
  if (p.type === "km")
    return `Kaplan–Meier curves of ${p.yLabel.toLowerCase()} after ${t.procedure}, stratified by ${groups}. Vertical ticks indicate censored patients; p value from the log-rank test.`;
  if (p.type === "line")
    return `Mean ${p.yLabel} over 24 months of follow-up in the ${groups} groups. Error bars indicate 95% confidence intervals.`;
  const metric = p.yLabel.replace(/ \(.*\)$/, "").toLowerCase();
  return `${cap(metric)} in the ${groups} groups after ${t.procedure}. Error bars show standard deviation; *p < 0.05.`;
}

function diagramCaption(rng: Rng, p: DiagramPlan, { topic: t }: FigureFacts): string {
  if (p.type === "flowchart") {
    const last = p.steps[p.steps.length - 1]?.n ?? p.screened;
    return `${rng.pick(["Flow diagram of patient selection", "Study flowchart", "CONSORT-style diagram of the cohort"])}. Of ${p.screened} patients with ${t.condition} screened, ${last} were analyzed.`;
  }
  if (p.type === "spine-schematic") {
    const from = p.levels[p.fusedFrom];
    const to = p.levels[p.fusedFrom + 2];
    return `${rng.pick(["Schematic illustration", "Illustration", "Diagram"])} of the posterior instrumented fusion from ${from} to ${to}, with pedicle screws connected by a rod.`;
  }
  return `Schematic coronal illustration of the ${p.target.toLowerCase()} in relation to the lateral ventricles and the planned surgical trajectory (arrow).`;
}

function photoCaption(rng: Rng, p: PhotoPlan, { topic: t, exposure }: FigureFacts): string {
  const view = p.microscope ? rng.pick(["Intraoperative microscopic view", "Operative microscope photograph"]) : rng.pick(["Intraoperative photograph", "Intraoperative view"]);
  const tools = p.instruments === 2 ? rng.pick([" Suction (left) and bipolar forceps (right) are in view.", " Two instruments retract the adjacent tissue."]) : "";
  return `${view} during ${t.procedure} showing ${exposure}.${tools}`;
}

/** The caption, without its label, ending with the synthetic mark. */
export function caption(rng: Rng, fig: FigurePlan, facts: FigureFacts): string {
  const body =
    fig.kind === "scan"
      ? scanCaption(rng, fig.plan, facts)
      : fig.kind === "chart"
        ? chartCaption(rng, fig.plan, facts)
        : fig.kind === "diagram"
          ? diagramCaption(rng, fig.plan, facts)
          : photoCaption(rng, fig.plan, facts);
  return `${body} ${SYNTHETIC_MARK}`;
}

/** Sentences that cite the figure; "{F}" becomes "Figure N" (or "Figure NB" for a panel). */
function citingSentences(fig: FigurePlan, facts: FigureFacts, rng: Rng): string[] {
  switch (fig.kind) {
    case "scan":
      return [
        `Preoperative imaging demonstrated ${facts.finding} ({F}).`,
        `As shown in {F}, the lesion was clearly delineated on ${rng.pick(MOD_TEXT[fig.plan.modalities[0]!])}.`,
        fig.plan.panels === 4 ? `Postoperative imaging confirmed the expected result ({F}C and D).` : `Follow-up imaging at 3 months showed no recurrence, in contrast to the preoperative study in {F}.`,
      ];
    case "chart":
      return [
        `${fig.plan.type === "km" ? "Kaplan–Meier analysis" : "The outcome analysis"} showed a difference between the ${fig.plan.groups[0]} and ${fig.plan.groups[1]} groups ({F}).`,
        `The ${fig.plan.groups[0]} group fared better over follow-up (p = ${rng.float(0.001, 0.049).toFixed(3)}; {F}).`,
        `{F} summarizes ${fig.plan.yLabel.replace(/ \(.*\)$/, "")} for each group.`,
      ];
    case "diagram":
      return fig.plan.type === "flowchart"
        ? [`Of the ${fig.plan.screened} patients screened, ${fig.plan.steps[fig.plan.steps.length - 1]?.n ?? fig.plan.screened} met the inclusion criteria ({F}).`, `Patient selection is summarized in {F}.`]
        : fig.plan.type === "spine-schematic"
          ? [`The surgical construct is illustrated schematically in {F}.`, `{F} shows the levels included in the fusion.`]
          : [`{F} depicts the relevant anatomy and the planned approach.`, `The trajectory was planned to avoid the lateral ventricle ({F}).`];
    case "photo":
      return [
        `After exposure, ${facts.exposure} ${rng.pick(["was identified", "was clearly visualized"])} ({F}).`,
        `The intraoperative findings are shown in {F}.`,
        `Hemostasis was achieved with bipolar cautery and hemostatic agents, as seen in {F}.`,
      ];
  }
}

const CONTEXT = [
  "Patients were followed for a median of {m} months.",
  "All procedures were performed by two senior surgeons at a single institution.",
  "No intraoperative complications were recorded in this patient.",
  "The patient's neurological status improved after surgery.",
  "Outcomes were assessed by an independent observer blinded to treatment allocation.",
  "This pattern was consistent across the cohort.",
  "These findings guided the choice of surgical approach.",
];

/**
 * 0–3 paragraphs, each citing the figure by its label (e.g. "Figure 2"), now and
 * then also citing another figure of the same article.
 */
export function mentions(rng: Rng, fig: FigurePlan, facts: FigureFacts, figNo: number, otherFigNos: number[]): string[] {
  const count = rng.weighted([2, 4, 2.5, 1.5]);
  const label = `Figure ${figNo}`;
  // Each paragraph gets a different citing sentence and different context sentences.
  const cites = rng.shuffle(citingSentences(fig, facts, rng));
  const context = rng.shuffle(CONTEXT);
  const sentence = () => (context.pop() ?? CONTEXT[0]!).replace("{m}", String(rng.int(6, 48)));
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let cite = cites[k % cites.length]!.replace(/\{F\}/g, label);
    if (fig.kind === "scan" && fig.plan.panels === 4 && rng.chance(0.4)) cite = cite.replace(label + ")", `${label}A)`);
    const sentences = [cite];
    if (rng.chance(0.7)) sentences.unshift(sentence());
    if (rng.chance(0.5)) sentences.push(sentence());
    if (otherFigNos.length > 0 && rng.chance(0.15)) sentences.push(`Compare with Figure ${rng.pick(otherFigNos)}.`);
    out.push(sentences.join(" "));
  }
  return out;
}

export function articleTitle(rng: Rng, topic: Topic): string {
  const t = rng.pick([
    `Outcomes of ${topic.procedure} for ${topic.condition}: a retrospective cohort study`,
    `${cap(topic.procedure)} in patients with ${topic.condition}: technique and early results`,
    `Predictors of outcome after ${topic.procedure} for ${topic.condition}`,
    `Imaging features and surgical management of ${topic.condition}: a case series`,
  ]);
  return `${t} (synthetic demo article)`;
}
