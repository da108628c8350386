// Figures from PubMed Central Open Access articles (JATS/NLM .nxml): the
// article's metadata, every <fig> (also inside <fig-group> and <floats-group>)
// with its label, caption and image reference, and the body paragraphs that
// cite it, linked by <xref rid> or by a plain-text "Figure 3".
import { readFile } from "node:fs/promises";
import { normalizePmcid, safeId } from "./ids";
import { citedFigures, figureNumbers } from "./mentions";
import { stemOf } from "./paths";
import { normalizeSpace } from "./text";
import type { ImportIssue, ParsedArticle, ParsedFigure, ParseEvent } from "./types";
import { childElements, firstChild, parseXmlTree, walk, XmlSyntaxError, type XmlElement } from "./xml-tree";

/** Markup inside running text: flattened to its text with no space around it ("10<sup>3</sup>" → "103"). */
const inlineElements = new Set([
  "italic", "bold", "sup", "sub", "sc", "underline", "monospace", "roman", "sans-serif", "strike", "overline",
  "xref", "ext-link", "uri", "email", "named-content", "styled-content", "inline-formula", "abbrev", "inline-graphic",
]);

/** Paragraphs inside these are captions, table notes or references, not the article's discussion. */
const notRunningText = new Set([
  "fig", "fig-group", "table-wrap", "table-wrap-group", "caption", "ref-list", "supplementary-material",
]);

type BodyParagraph = { text: string; rids: Set<string>; cited: Set<string> };

export async function* parseJats(absPath: string, relPath: string): AsyncGenerator<ParseEvent> {
  let document: XmlElement;
  try {
    document = parseXmlTree(await readFile(absPath, "utf8"));
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    yield issue({ file: relPath, line: error.line, reason: `${error.message}; re-export the article from PMC` });
    return;
  }
  // Usually one <article>; PMC's E-utilities wrap several in a <pmc-articleset>.
  const articles = [...walk(document)].filter(
    ([element, ancestors]) => element.name === "article" && !ancestors.some((a) => a.name === "article"),
  );
  if (articles.length === 0) {
    yield issue({ file: relPath, reason: "no <article> element: this file is not a JATS article; export it from PMC as .nxml" });
    return;
  }
  let figures = 0;
  for (const [index, [article]] of articles.entries()) {
    const fallbackHandle = articles.length > 1 ? `${stemOf(relPath)}-${index + 1}` : stemOf(relPath);
    for (const figure of articleFigures(article, readArticle(article, fallbackHandle), relPath)) {
      figures += 1;
      yield { kind: "figure", figure };
    }
  }
  if (figures === 0) {
    yield issue({ file: relPath, reason: "no figures found (no <fig> element); this article has nothing to import" });
  }
}

function issue(value: ImportIssue): ParseEvent {
  return { kind: "issue", issue: value };
}

function readArticle(article: XmlElement, fallbackHandle: string): ParsedArticle {
  const front = firstChild(article, "front");
  const meta = firstChild(front, "article-meta");
  const articleId = (type: string) =>
    textOf(childElements(meta, "article-id").find((id) => id.attrs["pub-id-type"] === type));
  const pmcid = normalizePmcid(articleId("pmcid")) ?? normalizePmcid(articleId("pmc"));
  const doi = articleId("doi").replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, "") || null;
  return {
    handle: pmcid ?? doi ?? fallbackHandle,
    journal: readJournal(firstChild(front, "journal-meta")),
    title: textOf(firstChild(firstChild(meta, "title-group"), "article-title")),
    doi,
    pmcid,
    year: readYear(childElements(meta, "pub-date")),
  };
}

function readJournal(journalMeta: XmlElement | undefined): string {
  const journalIds = childElements(journalMeta, "journal-id");
  for (const type of ["nlm-ta", "iso-abbrev"]) {
    const id = textOf(journalIds.find((element) => element.attrs["journal-id-type"] === type));
    if (id) return id;
  }
  // JATS keeps the title in <journal-title-group>; NLM 2.x put it directly in <journal-meta>.
  return (
    textOf(firstChild(firstChild(journalMeta, "journal-title-group"), "journal-title")) ||
    textOf(firstChild(journalMeta, "journal-title"))
  );
}

/** The publication year: electronic or print publication first; PMC's own release date last. */
function readYear(pubDates: XmlElement[]): number | null {
  const rank = (date: XmlElement) => {
    const type = date.attrs["pub-type"] ?? date.attrs["date-type"] ?? "";
    if (["epub", "ppub", "epub-ppub", "pub"].includes(type)) return 0;
    return type === "pmc-release" ? 2 : 1;
  };
  const dated = pubDates
    .map((date, order) => ({ date, order, year: /\d{4}/.exec(textOf(firstChild(date, "year")))?.[0] }))
    .filter((entry) => entry.year !== undefined)
    .sort((a, b) => rank(a.date) - rank(b.date) || a.order - b.order);
  return dated[0] ? Number(dated[0].year) : null;
}

function articleFigures(article: XmlElement, meta: ParsedArticle, relPath: string): ParsedFigure[] {
  const figs: Array<{ fig: XmlElement; groups: XmlElement[] }> = [];
  const paragraphs: BodyParagraph[] = [];
  for (const [element, ancestors] of walk(article)) {
    if (element.name === "fig") {
      figs.push({ fig: element, groups: ancestors.filter((a) => a.name === "fig-group") });
    } else if (element.name === "p" && isBodyParagraph(ancestors)) {
      const text = textOf(element, notRunningText);
      paragraphs.push({ text, rids: xrefTargets(element), cited: citedFigures(text) });
    }
  }
  const usedIds = new Set<string>();
  return figs.map(({ fig, groups }, order) => {
    // An unlabelled child of a <fig-group> takes the group's label; failing that, its place in the article.
    const givenLabel = [fig, ...groups.toReversed()]
      .map((element) => textOf(firstChild(element, "label")).replace(/[.:]+$/, ""))
      .find((text) => text !== "");
    const label = givenLabel ?? `Figure ${order + 1}`;
    // A child of a <fig-group> may leave its caption to the group.
    const caption =
      textOf(firstChild(fig, "caption")) ||
      (groups.map((group) => textOf(firstChild(group, "caption"))).findLast((text) => text !== "") ?? "");
    const ownIds = [fig, ...groups].map((element) => element.attrs.id).filter((id): id is string => !!id);
    // A made-up label says nothing about how the text cites the figure: links only.
    const numbers = givenLabel === undefined ? [] : figureNumbers(label);
    const mentions = new Set(
      paragraphs
        .filter((p) => ownIds.some((id) => p.rids.has(id)) || numbers.some((n) => p.cited.has(n)))
        .map((p) => p.text)
        .filter((text) => text !== ""),
    );
    return {
      customId: uniqueId(safeId([meta.handle, fig.attrs.id ?? slug(label)]), usedIds),
      figLabel: label,
      caption,
      mentions: [...mentions],
      page: null,
      imageRef: graphicHref(fig),
      article: meta,
      source: { file: relPath },
    };
  });
}

function isBodyParagraph(ancestors: XmlElement[]): boolean {
  // The outermost <p> only: a <p> in a list inside a paragraph is part of that paragraph.
  return ancestors.some((a) => a.name === "body") && !ancestors.some((a) => a.name === "p" || notRunningText.has(a.name));
}

function xrefTargets(paragraph: XmlElement): Set<string> {
  const rids = new Set<string>();
  for (const [element, ancestors] of walk(paragraph)) {
    if (element.name !== "xref" || ancestors.some((a) => notRunningText.has(a.name))) continue;
    for (const rid of (element.attrs.rid ?? "").split(/\s+/)) if (rid) rids.add(rid);
  }
  return rids;
}

/** The first <graphic>'s link; read by local name so any namespace prefix (xlink:, xl:) works. */
function graphicHref(fig: XmlElement): string | null {
  for (const [element] of walk(fig)) {
    if (element.name !== "graphic") continue;
    const key = Object.keys(element.attrs).find((name) => name === "href" || name.endsWith(":href"));
    const href = key === undefined ? "" : (element.attrs[key] ?? "").trim();
    return href || null;
  }
  return null;
}

/** Flattened, whitespace-normalised text; block elements are kept apart by a space. */
function textOf(element: XmlElement | undefined, skip: ReadonlySet<string> = new Set()): string {
  if (!element) return "";
  const parts: string[] = [];
  const visit = (node: XmlElement) => {
    for (const child of node.children) {
      if (typeof child === "string") {
        parts.push(child);
      } else if (!skip.has(child.name) && child.name !== "tex-math") {
        // <tex-math> repeats a formula that MathML beside it already gives as text.
        const block = !inlineElements.has(child.name) && !child.name.startsWith("mml:");
        if (block) parts.push(" ");
        visit(child);
        if (block) parts.push(" ");
      }
    }
  };
  visit(element);
  return normalizeSpace(parts.join(""));
}

function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

function uniqueId(id: string, used: Set<string>): string {
  let candidate = id;
  for (let n = 2; used.has(candidate); n += 1) candidate = safeId([id, String(n)]);
  used.add(candidate);
  return candidate;
}
