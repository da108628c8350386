// Synthetic but realistic-looking figure captions and in-text mentions, from
// a neurosurgical vocabulary with uneven word frequencies, so caption search
// (ILIKE over the trigram index) meets both common and rare terms.
import { pick } from "./stats";

const modalities = ["Axial T2-weighted MRI", "Sagittal T1-weighted MRI with gadolinium", "Coronal FLAIR MRI", "Noncontrast head CT",
  "CT angiography", "Digital subtraction angiography", "Diffusion-weighted imaging", "Intraoperative photograph",
  "Hematoxylin and eosin staining", "Lateral cervical radiograph", "Susceptibility-weighted imaging", "Perfusion MRI"];
const findings = ["glioblastoma", "meningioma", "vestibular schwannoma", "pituitary macroadenoma", "arteriovenous malformation",
  "saccular aneurysm", "cavernous malformation", "chronic subdural hematoma", "epidermoid cyst", "ependymoma",
  "medulloblastoma", "metastasis", "craniopharyngioma", "chordoma", "syrinx", "hemangioblastoma", "low-grade glioma",
  "intraventricular hemorrhage", "dural arteriovenous fistula", "Chiari malformation"];
const places = ["left frontal lobe", "right temporal lobe", "cerebellopontine angle", "sellar region", "fourth ventricle",
  "posterior fossa", "parasagittal convexity", "thoracic spinal cord", "brainstem", "corpus callosum", "cavernous sinus",
  "basal ganglia", "lumbar spine", "occipital lobe", "pineal region"];
const features = ["heterogeneous enhancement", "surrounding vasogenic edema", "mass effect on the adjacent ventricle",
  "a dural tail", "central necrosis", "restricted diffusion", "midline shift of 6 mm", "calcification",
  "a flow void", "hydrocephalus", "a cystic component", "peritumoral hemorrhage", "no enhancement"];
const followups = ["Postoperative imaging shows gross total resection.", "The lesion was stable at 12-month follow-up.",
  "Histopathology confirmed the diagnosis.", "Arrowheads indicate the feeding artery.", "Scale bar, 100 µm.",
  "The patient underwent a pterional craniotomy.", "Endoscopic endonasal approach, intraoperative view.",
  "Stereotactic radiosurgery was planned on this sequence.", "Asterisk marks the resection cavity.",
  "Posterior fusion from C3 to C6 is shown.", "Embolization was performed before surgery."];

export const journals = ["J Neurosurg", "Neurosurgery", "World Neurosurg", "J Neurosurg Spine", "Acta Neurochir",
  "Neurosurg Focus", "J Neurooncol", "AJNR Am J Neuroradiol"] as const;

/** Words for the caption-search part of the request mix: common (MRI), middling and rare (syrinx). */
export const searchWords = ["MRI", "glioblastoma", "meningioma", "aneurysm", "edema", "resection", "schwannoma",
  "angiography", "craniotomy", "syrinx", "chordoma", "fusion", "hemorrhage", "necrosis"];

export function caption(r: () => number, label: string): string {
  const parts = [`${label}. ${pick(r, modalities)} demonstrating a ${pick(r, findings)} in the ${pick(r, places)} with ${pick(r, features)}.`];
  const panels = Math.floor(r() * 4);
  for (let i = 0; i < panels; i++) {
    parts.push(`(${String.fromCharCode(65 + i)}) ${pick(r, modalities)} showing ${pick(r, features)} in the ${pick(r, places)}.`);
  }
  if (r() < 0.7) parts.push(pick(r, followups));
  return parts.join(" ");
}

export function mentions(r: () => number, label: string, n: number): string[] {
  return Array.from({ length: n }, () =>
    `As shown in ${label}, the ${pick(r, findings)} of the ${pick(r, places)} had ${pick(r, features)}, ` +
    `which guided the choice of approach; ${pick(r, followups).toLowerCase()}`);
}
