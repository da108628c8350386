// Default IFT examples. Every figure, caption and conversation here is
// invented for this project (synthetic); none is taken from an article.
import type { FewShot } from "../figure-text";
import type { IftOutput } from "../schemas";

export const iftFewShots: FewShot<IftOutput>[] = [
  {
    id: "synthetic-ift-1",
    figure: {
      figLabel: "Figure 2",
      caption:
        "Preoperative axial T1-weighted post-contrast MRI showing a 2.6 cm avidly enhancing left cerebellopontine angle mass extending into and widening the internal auditory canal, compressing the middle cerebellar peduncle.",
      mentions: [
        "The patient, a 47-year-old woman, presented with progressive left-sided hearing loss and tinnitus over two years (Figure 2).",
      ],
    },
    output: {
      qa_pairs: [
        {
          question: "What type of image is this and what plane is it in?",
          answer:
            "This is an axial T1-weighted MRI of the brain obtained after intravenous gadolinium, at the level of the internal auditory canals and cerebellopontine angles.",
        },
        {
          question: "Describe the abnormality.",
          answer:
            "There is a well-circumscribed, avidly enhancing extra-axial mass in the left cerebellopontine angle. It has an intracanalicular component that widens the internal auditory canal, giving an 'ice cream cone' configuration, and it indents the left middle cerebellar peduncle.",
        },
        {
          question: "What is the most likely diagnosis?",
          answer:
            "A vestibular schwannoma. Extension into and expansion of the internal auditory canal favours it over a meningioma, which usually has a broad dural base along the petrous bone and rarely widens the canal.",
        },
        {
          question: "What symptoms would you expect, and why does the brainstem contact matter?",
          answer:
            "Unilateral sensorineural hearing loss and tinnitus are typical, sometimes with imbalance. Contact with the middle cerebellar peduncle and brainstem places the tumour in a larger category, where observation is less appropriate and microsurgical resection is usually favoured over radiosurgery.",
        },
      ],
    },
  },
  {
    id: "synthetic-ift-2",
    figure: {
      figLabel: "Figure 1",
      caption:
        "Non-contrast head CT of an 81-year-old man on apixaban with 3 weeks of worsening confusion, showing a right hemispheric chronic subdural hematoma with 9 mm of midline shift.",
      mentions: [],
    },
    output: {
      qa_pairs: [
        {
          question: "What imaging study is shown?",
          answer: "An axial non-contrast CT of the head, displayed in a brain window.",
        },
        {
          question: "What is the main finding?",
          answer:
            "A crescent-shaped extra-axial collection over the right cerebral convexity that is mostly hypodense to the brain, with effacement of the right sulci, compression of the right lateral ventricle and leftward shift of midline structures.",
        },
        {
          question: "Why is the collection crescent-shaped rather than lens-shaped, and what does its density suggest?",
          answer:
            "It lies in the subdural space, so it can spread along the convexity across suture lines, unlike an epidural hematoma, which is limited by sutures and becomes biconvex. Low density relative to brain indicates a chronic collection, typically older than about three weeks.",
        },
        {
          question: "How would this usually be managed in a symptomatic patient?",
          answer:
            "With reversal or holding of anticoagulation and surgical evacuation, commonly through burr holes with postoperative drainage. Middle meningeal artery embolization may be added to reduce the risk of recurrence.",
        },
      ],
    },
  },
  {
    id: "synthetic-ift-3",
    figure: {
      figLabel: "Figure 4",
      caption:
        "Intraoperative microscope view through a left retrosigmoid craniotomy. The superior cerebellar artery loops into the root entry zone of the trigeminal nerve; a Teflon pad is being placed.",
      mentions: [
        "Neurovascular conflict was confirmed at the root entry zone, with visible grooving of the nerve (Figure 4).",
        "The patient was pain-free off carbamazepine at 12 months.",
      ],
    },
    output: {
      qa_pairs: [
        {
          question: "What kind of image is this?",
          answer:
            "An intraoperative photograph taken through the operating microscope during a posterior fossa exposure of the cerebellopontine angle.",
        },
        {
          question: "Which structures are visible?",
          answer:
            "The trigeminal nerve is seen entering the pons, with an arterial loop, most consistent with the superior cerebellar artery, in contact with the nerve at its root entry zone. A small shredded Teflon pad is being positioned between the vessel and the nerve.",
        },
        {
          question: "What procedure is being performed, and for which condition?",
          answer:
            "Microvascular decompression for classical trigeminal neuralgia: the offending artery is mobilized away from the nerve and kept off it with an interposed implant.",
        },
        {
          question: "Why is the root entry zone the important site?",
          answer:
            "It is the transition between central and peripheral myelin, which is especially vulnerable to pulsatile compression. Focal demyelination there is thought to cause the ephaptic transmission that produces paroxysmal facial pain.",
        },
        {
          question: "What complications should be discussed before this operation?",
          answer:
            "Ipsilateral hearing loss, facial numbness, cerebrospinal fluid leak, cerebellar injury or hemorrhage, and recurrence of pain.",
        },
      ],
    },
  },
  {
    id: "synthetic-ift-4",
    figure: {
      figLabel: "Figure 3",
      caption:
        "Lateral projection of a left internal carotid artery digital subtraction angiogram demonstrating a 7 mm posteriorly projecting posterior communicating artery aneurysm.",
      mentions: ["She presented with a complete left third nerve palsy with a dilated pupil (Figure 3)."],
    },
    output: {
      qa_pairs: [
        {
          question: "What imaging technique and projection is this?",
          answer:
            "A digital subtraction angiogram of the internal carotid artery in the lateral projection, showing the intracranial carotid circulation with the bone subtracted.",
        },
        {
          question: "Where is the abnormality?",
          answer:
            "A saccular outpouching arises from the posterior wall of the supraclinoid internal carotid artery at the origin of the posterior communicating artery and projects posteriorly and inferiorly.",
        },
        {
          question: "What neurological deficit is classically associated with an aneurysm at this site?",
          answer:
            "An oculomotor nerve palsy involving the pupil. The nerve runs next to the posterior communicating artery, and its parasympathetic fibres lie superficially, so compression dilates the pupil early.",
        },
        {
          question: "Why is a new pupil-involving third nerve palsy with this finding treated urgently?",
          answer:
            "It suggests recent growth of the aneurysm and a high short-term risk of rupture, so it is secured promptly by endovascular coiling or microsurgical clipping.",
        },
      ],
    },
  },
  {
    id: "synthetic-ift-5",
    figure: {
      figLabel: "Figure 1",
      caption:
        "Sagittal T2-weighted MRI of the cervical spine showing multilevel degenerative stenosis, most severe at C4–C5, with intramedullary hyperintensity.",
      mentions: [
        "A 66-year-old man reported 8 months of hand clumsiness and gait imbalance; examination showed hyperreflexia and a positive Hoffmann sign.",
      ],
    },
    output: {
      qa_pairs: [
        {
          question: "Which part of the spine is imaged, and with which sequence?",
          answer: "The cervical spine, on a sagittal T2-weighted MRI.",
        },
        {
          question: "What are the key findings?",
          answer:
            "There are disc-osteophyte complexes at several levels with loss of the anterior and posterior CSF spaces. Canal narrowing is most severe at C4–C5, where the cord is compressed and contains a focal intramedullary T2-hyperintense signal.",
        },
        {
          question: "What does the signal change in the cord indicate?",
          answer:
            "Edema, myelomalacia or gliosis from chronic compression. It marks established cord injury and is associated with a less complete recovery after decompression.",
        },
        {
          question: "What diagnosis do these findings support, and how is it usually treated when symptomatic?",
          answer:
            "Degenerative cervical myelopathy. Patients with moderate or progressive deficits are generally offered surgical decompression, anterior or posterior depending on the number of levels, the alignment and where the compression comes from.",
        },
      ],
    },
  },
  {
    id: "synthetic-ift-6",
    figure: {
      figLabel: "Figure 5",
      caption:
        "Kaplan–Meier curves of progression-free survival after gross total versus subtotal resection of WHO grade 2 astrocytoma (log-rank p = 0.003).",
      mentions: [
        "Median progression-free survival was 7.9 years after gross total resection and 4.6 years after subtotal resection (Figure 5).",
      ],
    },
    output: {
      qa_pairs: [
        {
          question: "What type of graph is this?",
          answer:
            "A Kaplan–Meier survival plot: the proportion of patients free of progression is on the y-axis and time since surgery on the x-axis, with one step curve per group.",
        },
        {
          question: "Which groups are compared and which does better?",
          answer:
            "Patients after gross total resection and after subtotal resection. The gross total resection curve stays higher throughout, meaning a larger proportion of those patients remain free of progression at each time point.",
        },
        {
          question: "How should the reported p-value be interpreted?",
          answer:
            "It comes from a log-rank test of the whole curves. A value of 0.003 means a difference this large would be unlikely if the extent of resection made no difference, although in an observational series the groups may also differ in tumour location and size.",
        },
        {
          question: "What is the clinical implication?",
          answer:
            "Where it can be done safely, maximal resection of a lower-grade astrocytoma is associated with longer progression-free survival, which supports aiming for gross total resection with functional mapping.",
        },
      ],
    },
  },
  {
    id: "synthetic-ift-7",
    figure: {
      figLabel: "Figure 2",
      caption:
        "Midsagittal T1-weighted MRI showing 11 mm of tonsillar descent below the foramen magnum with peg-shaped tonsils and a cervicothoracic syrinx.",
      mentions: [],
    },
    output: {
      qa_pairs: [
        {
          question: "What does this image show?",
          answer:
            "A midline sagittal T1-weighted MRI of the brain and upper spine. The cerebellar tonsils are pointed and extend well below the foramen magnum, crowding the craniocervical junction, and there is a fluid-filled cavity within the cervical spinal cord.",
        },
        {
          question: "What is the diagnosis?",
          answer:
            "A Chiari I malformation with an associated syrinx (syringomyelia). Tonsillar descent of more than 5 mm below the foramen magnum, especially with peg-shaped tonsils, supports the diagnosis.",
        },
        {
          question: "How does the cord cavity relate to the tonsillar descent?",
          answer:
            "Crowding at the foramen magnum disturbs the normal pulsatile flow of CSF between the head and the spinal canal, which is thought to drive fluid into the cord and enlarge the syrinx over time.",
        },
        {
          question: "What treatment is usually offered to a symptomatic patient with these findings?",
          answer:
            "Posterior fossa decompression (suboccipital craniectomy and C1 laminectomy, often with duraplasty) to restore CSF flow; the syrinx typically shrinks afterwards without being drained directly.",
        },
      ],
    },
  },
];
