import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJats } from "./jats";
import type { ParsedFigure, ParseEvent } from "./types";

const fixtures = path.resolve(import.meta.dirname, "../../../tests/fixtures/import/jats");

async function parseFixture(name: string): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of parseJats(path.join(fixtures, name), `jats/${name}`)) events.push(event);
  return events;
}

function figuresOf(events: ParseEvent[]): ParsedFigure[] {
  return events.flatMap((event) => (event.kind === "figure" ? [event.figure] : []));
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "jats-test-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function parseText(name: string, xml: string): Promise<ParseEvent[]> {
  const file = path.join(work, name);
  await writeFile(file, xml);
  const events: ParseEvent[] = [];
  for await (const event of parseJats(file, name)) events.push(event);
  return events;
}

describe("parseJats: a PMC Open Access article", () => {
  let figures: ParsedFigure[];
  let events: ParseEvent[];
  const byId = (id: string) => {
    const figure = figures.find((f) => f.customId === `PMC7654321_${id}`);
    if (!figure) throw new Error(`no figure ${id}`);
    return figure;
  };

  beforeAll(async () => {
    events = await parseFixture("PMC7654321.nxml");
    figures = figuresOf(events);
  });

  it("yields every <fig>, in document order, with no issues", () => {
    expect(events.filter((event) => event.kind === "issue")).toEqual([]);
    expect(figures.map((f) => f.customId)).toEqual([
      "PMC7654321_F1",
      "PMC7654321_F4A",
      "PMC7654321_F4B",
      "PMC7654321_SF1",
      "PMC7654321_F2",
      "PMC7654321_F3",
      "PMC7654321_F5",
    ]);
  });

  it("reads the article's metadata", () => {
    expect(byId("F1").article).toEqual({
      handle: "PMC7654321",
      journal: "Neurosurg Test", // nlm-ta wins over iso-abbrev and the title
      title: "Delayed cavernous malformation growth after radiosurgery: an invented case",
      doi: "10.9999/ntr.2020.0042",
      pmcid: "PMC7654321",
      year: 2020, // the epub date, not the earlier-listed collection or PMC release
    });
    expect(byId("F1").source).toEqual({ file: "jats/PMC7654321.nxml" });
    expect(byId("F1").page).toBeNull();
  });

  it("flattens captions: title and paragraphs, inline markup as text", () => {
    expect(byId("F1").caption).toBe(
      "Axial T2-weighted MRI. A popcorn-like lesion in the left pons with a hemosiderin rim (arrow), " +
        "mentioned here as Figure 2 to trap naive parsers.",
    );
    expect(byId("F3").caption).toBe("Susceptibility-weighted imaging. (a) Before and (b) after treatment. Scale bar, 1 cm."); // thin space normalised too
    expect(byId("F2").caption).toBe("Postoperative CT with no residual.");
  });

  it("cleans labels and reads the graphic link", () => {
    expect(byId("F3").figLabel).toBe("Fig. 3");
    expect(byId("F1").imageRef).toBe("ntr-2020-0042-g001");
    expect(byId("SF1").figLabel).toBe("Figure S1");
  });

  it("yields a figure without a graphic, with imageRef null", () => {
    expect(byId("F5").imageRef).toBeNull();
  });

  it("finds mentions by xref, including rid lists", () => {
    expect(byId("F1").mentions).toEqual([
      "Cavernous malformations are clusters of dilated capillaries (Figure 1). Their natural history is variable1.",
      "Preoperative and postoperative imaging are compared in Figs. 1 and 2.",
    ]);
  });

  it("finds plain-text mentions, ranges included, and skips captions, tables, abstract and back matter", () => {
    expect(byId("F2").mentions).toEqual([
      "Preoperative and postoperative imaging are compared in Figs. 1 and 2.",
      "No haemorrhage was seen on the scan in Fig. 2.",
    ]);
    expect(byId("F5").mentions).toEqual(["A flow chart of the management is given in Figure 5, which has no link."]);
  });

  it("does not take Figure 31 or Figure 3.1 for Figure 3", () => {
    expect(byId("F3").mentions).toEqual([
      "At follow-up the lesion had grown, as the series in Figures 3–4 shows.",
      "Panels A and B of the composite (Fig. 3a,b) show the susceptibility-weighted sequence.",
    ]);
  });

  it("gives fig-group children the group's links, label and (when they have none) caption", () => {
    const mentionsOf4 = [
      "At follow-up the lesion had grown, as the series in Figures 3–4 shows.",
      "The panels of Figure 4 were taken through the microscope.",
    ];
    expect(byId("F4A")).toMatchObject({ figLabel: "Figure 4A", caption: "Before resection.", mentions: mentionsOf4 });
    expect(byId("F4B")).toMatchObject({
      figLabel: "Figure 4",
      caption: "Intraoperative views shared by both panels.",
      mentions: mentionsOf4,
      imageRef: "ntr-2020-0042-g004b",
    });
  });

  it("keeps supplementary figures apart from main ones", () => {
    expect(byId("SF1").mentions).toEqual(["Extra material is in Supplementary Figure S1."]);
  });
});

describe("parseJats: bad and unusual files", () => {
  it("reports an article without figures", async () => {
    expect(await parseFixture("no-figures.nxml")).toEqual([
      {
        kind: "issue",
        issue: { file: "jats/no-figures.nxml", reason: expect.stringMatching(/^no figures found/) },
      },
    ]);
  });

  it("reports malformed XML once, with its line", async () => {
    expect(await parseFixture("malformed.nxml")).toEqual([
      {
        kind: "issue",
        issue: {
          file: "jats/malformed.nxml",
          line: 11,
          reason: expect.stringMatching(/^not well-formed XML at line 11: .+; re-export the article from PMC$/),
        },
      },
    ]);
  });

  it("never resolves external or declared entities (XXE)", async () => {
    const events = await parseFixture("xxe.nxml");
    const output = JSON.stringify(events);
    const passwdLine = readFileSync("/etc/passwd", "utf8").split("\n")[0] ?? "root:x:0:0";
    expect(passwdLine.length).toBeGreaterThan(0);
    expect(output).not.toContain(passwdLine);
    expect(output).not.toContain("root:");
    expect(output).not.toContain("expanded-internal-entity");
    const [figure] = figuresOf(events);
    // The unresolvable reference stays as literal text instead of failing the article.
    expect(figure).toMatchObject({ caption: "Caption &xxe; here.", mentions: ["See Figure 1 &xxe;."] });
    expect(figure?.article).toMatchObject({ handle: "10.9999/xxe.1", journal: "Only A Title Journal", pmcid: null });
  });

  it("fetches no DTD or entity over the network", async () => {
    let requests = 0;
    const server = createServer((_request, response) => {
      requests += 1;
      response.end('<!ENTITY remote "FETCHED-FROM-NETWORK">');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const events = await parseText(
        "network.nxml",
        `<?xml version="1.0"?>
<!DOCTYPE article SYSTEM "${url}/jats.dtd" [
  <!ENTITY % dtd SYSTEM "${url}/evil.dtd"> %dtd;
  <!ENTITY net SYSTEM "${url}/entity">
]>
<article><body><p>Fig. 1 &net; &remote;</p><fig id="F1"><label>Figure 1</label><caption><p>c</p></caption></fig></body></article>`,
      );
      expect(requests).toBe(0);
      expect(JSON.stringify(events)).not.toContain("FETCHED-FROM-NETWORK");
      expect(figuresOf(events)).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it("falls back to DOI, then file name, for the paper handle; numbers unlabelled figures", async () => {
    const events = await parseText(
      "case-42.nxml",
      `<article xmlns:xl="http://www.w3.org/1999/xlink"><front><article-meta>
         <article-id pub-id-type="pmcid">pmc555</article-id></article-meta></front>
       <body><fig id="A"><caption><p>one</p></caption><graphic xl:href="a.tif"/></fig>
             <fig><caption><p>two</p></caption></fig></body></article>`,
    );
    const figures = figuresOf(events);
    expect(figures.map((f) => [f.customId, f.figLabel, f.imageRef, f.article.handle])).toEqual([
      ["PMC555_A", "Figure 1", "a.tif", "PMC555"],
      ["PMC555_figure-2", "Figure 2", null, "PMC555"],
    ]);

    const noIds = figuresOf(
      await parseText("case-43.nxml", `<article><body><fig id="F1"><label>Figure 1</label></fig></body></article>`),
    );
    expect(noIds[0]?.article.handle).toBe("case-43");
    expect(noIds[0]?.customId).toBe("case-43_F1");
  });

  it("does not match text mentions for a made-up label", async () => {
    const figures = figuresOf(
      await parseText(
        "unlabelled.nxml",
        `<article><body><p>See Figure 1.</p><fig id="X"><caption><p>c</p></caption></fig></body></article>`,
      ),
    );
    expect(figures[0]).toMatchObject({ figLabel: "Figure 1", mentions: [] });
  });

  it("reads each article of a PMC article set", async () => {
    const figures = figuresOf(
      await parseText(
        "set.xml",
        `<pmc-articleset>
           <article><front><article-meta><article-id pub-id-type="pmc">1</article-id></article-meta></front>
             <body><fig id="F1"><label>Figure 1</label></fig></body></article>
           <article><front><article-meta><article-id pub-id-type="pmc">2</article-id></article-meta></front>
             <body><fig id="F1"><label>Figure 1</label></fig></body></article>
         </pmc-articleset>`,
      ),
    );
    expect(figures.map((f) => f.customId)).toEqual(["PMC1_F1", "PMC2_F1"]);
  });

  it("reports a file that is not an article", async () => {
    const events = await parseText("other.nxml", "<manifest><file/></manifest>");
    expect(events).toEqual([
      { kind: "issue", issue: { file: "other.nxml", reason: expect.stringMatching(/no <article> element/) } },
    ]);
  });
});
