// Default DDx examples. Every figure, caption and differential here is
// invented for this project (synthetic); none is taken from an article.
import type { FewShot } from "../figure-text";
import type { DdxOutput } from "../schemas";

export const ddxFewShots: FewShot<DdxOutput>[] = [
  {
    id: "synthetic-ddx-1",
    figure: {
      figLabel: "Figure 1",
      caption:
        "Axial T1-weighted post-contrast MRI of a 61-year-old man with 3 weeks of progressive right hemiparesis: a left frontal lesion with thick, irregular peripheral enhancement, central necrosis and surrounding edema.",
      mentions: ["Histopathology confirmed an IDH-wildtype glioblastoma (Figure 1)."],
    },
    output: {
      one_liner:
        "A 61-year-old man with 3 weeks of progressive right-sided weakness; post-contrast MRI shows a solitary left frontal mass with thick, irregular rim enhancement, central necrosis and marked surrounding edema.",
      ddx: [
        "Glioblastoma",
        "Solitary brain metastasis",
        "Pyogenic brain abscess",
        "Primary CNS lymphoma",
        "Tumefactive demyelinating lesion",
        "Subacute infarct",
        "Resolving hematoma",
      ],
    },
  },
  {
    id: "synthetic-ddx-2",
    figure: {
      figLabel: "Figure 3",
      caption:
        "Sagittal T1-weighted post-contrast MRI of a 7-year-old boy with morning vomiting and ataxia: a heterogeneously enhancing midline mass filling the fourth ventricle with obstructive hydrocephalus.",
      mentions: [],
    },
    output: {
      one_liner:
        "A 7-year-old boy with morning vomiting and truncal ataxia; sagittal post-contrast MRI shows a heterogeneously enhancing midline mass filling the fourth ventricle, with hydrocephalus.",
      ddx: [
        "Medulloblastoma",
        "Ependymoma",
        "Pilocytic astrocytoma",
        "Atypical teratoid/rhabdoid tumour",
        "Diffuse midline glioma",
        "Choroid plexus papilloma",
      ],
    },
  },
  {
    id: "synthetic-ddx-3",
    figure: {
      figLabel: "Figure 2",
      caption:
        "Coronal T1-weighted post-contrast MRI showing a lobulated sellar and suprasellar mass with a cystic component, displacing the optic chiasm upward.",
      mentions: [
        "A 44-year-old woman presented with bitemporal visual field loss and amenorrhea (Figure 2).",
      ],
    },
    output: {
      one_liner:
        "A 44-year-old woman with bitemporal hemianopia and amenorrhea; coronal post-contrast MRI shows a lobulated, partly cystic sellar and suprasellar mass elevating the optic chiasm.",
      ddx: [
        "Pituitary macroadenoma",
        "Craniopharyngioma",
        "Rathke cleft cyst",
        "Tuberculum sellae meningioma",
        "Hypophysitis",
        "Germinoma",
        "Thrombosed supraclinoid aneurysm",
        "Pituitary metastasis",
      ],
    },
  },
  {
    id: "synthetic-ddx-4",
    figure: {
      figLabel: "Figure 1",
      caption:
        "Sagittal T2-weighted and T1 post-contrast cervical MRI: an expansile intramedullary lesion centred at C3–C5 with a central enhancing nodule, cap of hemosiderin and rostral syrinx.",
      mentions: ["The patient, a 39-year-old man, had 1 year of neck pain and bilateral hand paresthesias."],
    },
    output: {
      one_liner:
        "A 39-year-old man with a year of neck pain and paresthesias in both hands; cervical MRI shows an expansile, centrally located intramedullary lesion from C3 to C5 with an enhancing component, a T2-hypointense hemosiderin cap and an associated syrinx.",
      ddx: [
        "Spinal cord ependymoma",
        "Spinal cord astrocytoma",
        "Hemangioblastoma",
        "Intramedullary cavernous malformation",
        "Intramedullary metastasis",
        "Demyelinating myelitis",
        "Spinal cord sarcoidosis",
      ],
    },
  },
  {
    id: "synthetic-ddx-5",
    figure: {
      figLabel: "Figure 4",
      caption:
        "Axial T1-weighted post-contrast MRI showing a dural-based, homogeneously enhancing extra-axial mass over the right convexity with a dural tail and adjacent hyperostosis.",
      mentions: [
        "A 68-year-old woman had a first generalized seizure (Figure 4).",
        "Simpson grade I resection was achieved.",
      ],
    },
    output: {
      one_liner:
        "A 68-year-old woman with a first generalized seizure; post-contrast MRI shows a homogeneously enhancing, dural-based extra-axial mass over the right cerebral convexity with a dural tail and hyperostosis of the overlying bone.",
      ddx: [
        "Meningioma",
        "Dural metastasis",
        "Solitary fibrous tumour",
        "Dural lymphoma",
        "Neurosarcoidosis",
        "IgG4-related hypertrophic pachymeningitis",
      ],
    },
  },
  {
    id: "synthetic-ddx-6",
    figure: {
      figLabel: "Figure 2",
      caption:
        "Sagittal T1-weighted post-contrast lumbar MRI showing a well-defined, intensely enhancing intradural extramedullary mass at L2 displacing the cauda equina roots.",
      mentions: [],
    },
    output: {
      one_liner:
        "Sagittal post-contrast lumbar MRI shows a well-defined, intensely enhancing intradural extramedullary mass at L2 that displaces the nerve roots of the cauda equina.",
      ddx: [
        "Schwannoma",
        "Myxopapillary ependymoma",
        "Meningioma",
        "Neurofibroma",
        "Paraganglioma",
        "Leptomeningeal (drop) metastasis",
        "Hemangioblastoma",
      ],
    },
  },
];
