// Default MCQ examples. Every figure, caption and question here is invented
// for this project (synthetic); none is taken from an article. The correct
// option sits at different positions on purpose: the examples should not
// teach a preferred position (options are shuffled before lettering anyway).
import type { FewShot } from "../figure-text";
import type { McqOutput } from "../schemas";

export const mcqFewShots: FewShot<McqOutput>[] = [
  {
    id: "synthetic-mcq-1",
    figure: {
      figLabel: "Figure 1",
      caption:
        "Axial diffusion-weighted image (b = 1000) showing a lobulated right cerebellopontine angle lesion with marked restricted diffusion, insinuating around the basilar artery.",
      mentions: ["On T2-weighted images the lesion followed CSF signal and did not enhance (Figure 1)."],
    },
    output: {
      question_stem:
        "A 36-year-old woman has had 1 year of intermittent right facial pain and, more recently, right-sided tinnitus. Examination shows decreased sensation in the right V2 distribution. MRI showed a right cerebellopontine angle lesion that follows CSF signal on T2-weighted images and does not enhance. A diffusion-weighted image is shown. Which of the following is the most likely diagnosis?",
      options: ["Arachnoid cyst", "Epidermoid cyst", "Vestibular schwannoma", "Meningioma", "Dermoid cyst"],
      correct_option_index: 1,
      discussion:
        "The lesion is bright on diffusion-weighted imaging, indicating restricted diffusion, while it resembles CSF on T2 and does not enhance; it also insinuates around vessels rather than displacing them. Together these features are characteristic of an epidermoid cyst, whose keratin debris restricts diffusion. An arachnoid cyst also follows CSF on T2 but does not restrict diffusion and displaces rather than engulfs adjacent structures. Vestibular schwannoma and meningioma are solid, enhancing tumours. A dermoid cyst contains fat, which is T1-hyperintense, and typically lies near the midline.",
    },
  },
  {
    id: "synthetic-mcq-2",
    figure: {
      figLabel: "Figure 2",
      caption:
        "Coronal T1-weighted MRI showing an enlarged sellar and suprasellar mass with heterogeneous intrinsic T1 hyperintensity, compressing the optic chiasm.",
      mentions: [
        "A 52-year-old man developed a sudden severe headache, bilateral visual loss and diplopia; serum sodium was 129 mmol/L (Figure 2).",
      ],
    },
    output: {
      question_stem:
        "A 52-year-old man presents to the emergency department with a sudden, severe headache followed within hours by blurred vision in both eyes and double vision. He is drowsy, with a blood pressure of 92/58 mm Hg and a serum sodium of 129 mmol/L. The image shown is from his MRI. Which of the following is the most appropriate immediate step in management?",
      options: [
        "Start cabergoline",
        "Perform a lumbar puncture",
        "Schedule stereotactic radiosurgery",
        "Give high-dose intravenous hydrocortisone",
        "Repeat MRI in 3 months",
      ],
      correct_option_index: 3,
      discussion:
        "The MRI shows a sellar and suprasellar mass with intrinsic T1 hyperintensity consistent with hemorrhage into a pituitary macroadenoma, compressing the chiasm. With sudden headache, visual loss and ophthalmoplegia, this is pituitary apoplexy. Hypotension and hyponatremia suggest acute adrenal insufficiency, which can be fatal, so the immediate step is intravenous glucocorticoid replacement; urgent surgical decompression is then considered for severe or worsening visual deficits. Cabergoline is the treatment for prolactinoma and does not address an adrenal crisis. A lumbar puncture is unnecessary once imaging explains the headache and is hazardous with a mass. Radiosurgery has no role acutely, and deferring imaging for 3 months would ignore a neurological and endocrine emergency.",
    },
  },
  {
    id: "synthetic-mcq-3",
    figure: {
      figLabel: "Figure 3",
      caption:
        "Sagittal T2-weighted thoracic spine MRI showing a long segment of central cord hyperintensity from T6 to the conus with serpiginous dorsal perimedullary flow voids.",
      mentions: [],
    },
    output: {
      question_stem:
        "A 64-year-old man has had 10 months of progressive leg weakness, numbness and urinary hesitancy that worsen after walking. Examination shows spastic paraparesis and reduced sensation below T8. His thoracic spine MRI is shown. Which of the following investigations will most likely establish the diagnosis?",
      options: [
        "Cerebrospinal fluid analysis for oligoclonal bands",
        "Spinal digital subtraction angiography",
        "Electromyography and nerve conduction studies",
        "Serum aquaporin-4 antibody testing",
        "CT myelography",
      ],
      correct_option_index: 1,
      discussion:
        "The image shows long-segment T2 hyperintensity of the lower thoracic cord and conus, consistent with venous congestion, together with serpiginous flow voids on the dorsal cord surface. In an older man with stepwise, exertion-related myelopathy this pattern indicates a spinal dural arteriovenous fistula. Selective spinal angiography confirms it and localizes the feeding artery for embolization or surgical disconnection. Oligoclonal bands and aquaporin-4 antibodies are tests for demyelinating and inflammatory myelopathies, which do not produce perimedullary flow voids. Electromyography assesses peripheral nerve and muscle disease, not cord congestion. CT myelography can show dilated veins but cannot identify the fistula point.",
    },
  },
  {
    id: "synthetic-mcq-4",
    figure: {
      figLabel: "Figure 6",
      caption:
        "Intraoperative view during microvascular decompression: an arterial loop (arrow) compresses the trigeminal root entry zone from superomedially.",
      mentions: ["The vessel was mobilized and separated from the nerve with Teflon felt."],
    },
    output: {
      question_stem:
        "A 58-year-old woman has had 4 years of paroxysmal, electric-shock-like pain in the right cheek and jaw triggered by chewing and brushing her teeth. Carbamazepine controlled the pain initially but now causes intolerable drowsiness. She undergoes a retrosigmoid craniotomy, and the intraoperative view is shown. Which vessel is most commonly responsible for the compression shown?",
      options: [
        "Anterior inferior cerebellar artery",
        "Posterior inferior cerebellar artery",
        "Superior petrosal vein",
        "Vertebral artery",
        "Superior cerebellar artery",
      ],
      correct_option_index: 4,
      discussion:
        "The image shows an arterial loop compressing the trigeminal nerve at its root entry zone from above and medially, the typical finding in classical trigeminal neuralgia. The superior cerebellar artery is the most common offending vessel because it loops around the upper brainstem close to the nerve's entry. The anterior inferior cerebellar artery is a less common culprit and usually contacts the nerve from below. The posterior inferior cerebellar artery and the vertebral artery are more often involved in hemifacial spasm or glossopharyngeal neuralgia. Venous compression by the petrosal complex does occur, but less often than arterial compression, and the vessel shown is an artery.",
    },
  },
  {
    id: "synthetic-mcq-5",
    figure: {
      figLabel: "Figure 1",
      caption:
        "Anteroposterior left internal carotid angiogram showing severe stenosis of the terminal internal carotid artery and proximal middle and anterior cerebral arteries with a dense network of basal collateral vessels.",
      mentions: [
        "A 9-year-old girl had recurrent episodes of right arm weakness while playing the flute (Figure 1).",
      ],
    },
    output: {
      question_stem:
        "A 9-year-old girl has had several brief episodes of right arm weakness and tingling, each brought on by playing a wind instrument or crying and resolving within 20 minutes. MRI shows small left frontal watershed infarcts. A cerebral angiogram is shown. Which of the following is the most appropriate long-term treatment?",
      options: [
        "Indirect surgical revascularization",
        "Lifelong warfarin anticoagulation",
        "Carotid endarterectomy",
        "Intracranial stent placement",
        "High-dose corticosteroids",
      ],
      correct_option_index: 0,
      discussion:
        "The angiogram shows progressive stenosis of the terminal internal carotid artery and its proximal branches with a basal collateral network (the 'puff of smoke' appearance), which is moyamoya arteriopathy. Hyperventilation lowers carbon dioxide and constricts the collaterals, which explains attacks triggered by crying or playing a wind instrument. Symptomatic children with infarcts are treated with surgical revascularization; indirect techniques such as encephaloduroarteriosynangiosis are preferred in children because their small vessels make direct bypass difficult and they develop collaterals readily. Anticoagulation increases the risk of bleeding without treating the hypoperfusion. Endarterectomy treats cervical carotid atherosclerosis, not intracranial arteriopathy. Intracranial stenting has poor results in moyamoya, and corticosteroids are for vasculitis, which this pattern does not suggest.",
    },
  },
  {
    id: "synthetic-mcq-6",
    figure: {
      figLabel: "Figure 2",
      caption:
        "Axial non-contrast CT showing a round hyperdense lesion at the anterior third ventricle near the foramen of Monro with enlargement of both lateral ventricles.",
      mentions: [
        "Episodes of positional headache with transient loss of consciousness preceded the admission.",
        "The lesion was removed completely through a transcortical endoscopic approach (Figure 2).",
      ],
    },
    output: {
      question_stem:
        "A 34-year-old man has had several weeks of intermittent severe headaches that begin when he bends forward; on one occasion he briefly lost consciousness. On examination he has bilateral papilledema. The head CT is shown. What is the main mechanism by which this lesion produces his symptoms?",
      options: [
        "Intermittent obstruction of both foramina of Monro",
        "Compression of the cerebral aqueduct",
        "Hemorrhage into the lesion",
        "Overproduction of cerebrospinal fluid",
        "Venous sinus compression",
        "Impaired arachnoid granulation absorption",
      ],
      correct_option_index: 0,
      discussion:
        "The CT shows a round hyperdense lesion in the anterior third ventricle at the foramina of Monro with enlarged lateral ventricles, typical of a colloid cyst. Its position lets it act as a ball valve: with some head positions it occludes the outflow from both lateral ventricles, causing acute obstructive hydrocephalus, positional headache and, rarely, sudden death, which is why symptomatic cysts are removed. The aqueduct lies further back and is not blocked by a lesion at this level; the third ventricle is not the site of dilation here. Hyperdensity reflects the cyst's proteinaceous contents, not bleeding. Overproduction of CSF is the mechanism of choroid plexus papilloma, and venous sinus compression and failure of absorption cause communicating hydrocephalus or raised pressure without this focal lesion.",
    },
  },
];
