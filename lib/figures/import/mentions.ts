// Which figures a piece of running text cites, in the plain forms authors
// write: "Figure 3", "Fig. 3B", "Figs. 2 and 3", "Figures 2–4", "(Fig. 3c)",
// "Supplementary Figure S3", "Extended Data Fig. 2". Used to find the
// paragraphs that discuss a figure when the markup does not link them.
//
// A figure is named by an id: "3", "S3" (supplementary), "ED2" (Extended Data),
// "3.1" (sub-numbered, as in theses and book chapters), "1-FS2" (eLife's
// "Figure 1—figure supplement 2"). Decisions:
// - "Figure 31" cites 31, never 3; "Figure 3.1" cites 3.1, not 3 (a sub-numbered
//   figure is its own figure).
// - Panels are not part of the id: "Fig. 3B", "Fig. 3A–C", "Fig. 3(a, b)" cite 3.
// - "Supplementary Figure S3", "Supplementary Figure 3" and "Figure S3" cite S3,
//   never 3.
// - A plural keyword ("Figs.", "Figures") takes comma lists ("Figs. 1, 3, and 5");
//   a singular one takes "and"/"or" and ranges but not a bare comma, so that
//   "In Figure 1, 10 patients…" does not cite a Figure 10.
// - Ranges ("2–4", "2-4", "2 to 4", "S2–S4", "S2–4") cover every figure between
//   when they span at most 50; a wider "range" counts as its two ends.
// - "Table 3", "Scheme 3", "subfigure 3" are not figure citations.

type FigureRef = { prefix: string; number: string; supplement: string | null };

const keywordPattern =
  /(?<![\p{L}\p{N}])(?:(supplementary|supplemental|suppl\.?|extended\s+data)\s*)?fig(?:ure)?(s)?(?![a-z])\.?/giu;
// A figure number, its attached panels ("3B", "3Ai") or parenthesised panels
// ("3(a)", "3 (a–c)"), and eLife's "—figure supplement N".
const itemPattern =
  /\s*(s)?(\d+(?:\.\d+)*)(?!\d)(?:[a-z]{1,3}(?![a-z]))?(?:\s*\(\s*[a-z](?:\s*(?:,|and|&|[-\u2010-\u2015\u2212])\s*[a-z])*\s*\))?(?:\s*[-\u2010-\u2015\u2212]\s*figure\s+supplements?\s+(\d+))?/iuy;
const separatorPattern =
  /\s*(?:(,)\s*((?:and|or)\b|&)?|(?:and|or)\b|&|([-\u2010-\u2015\u2212]|to\b|through\b))\s*/iuy;
// A panel letter on its own after a separator: the "b" of "Fig. 3a, b".
const panelPattern = /\(?\s*[a-z](?![\p{L}\p{N}])\s*\)?/iuy;

const maxRangeSpan = 50;

/** The ids of every figure the text cites, in order of first citation. */
export function citedFigures(text: string): Set<string> {
  const cited = new Set<string>();
  for (const keyword of text.matchAll(keywordPattern)) {
    const groupPrefix = prefixOf(keyword[1]);
    const plural = keyword[2] !== undefined;
    const first = readItem(text, keyword.index + keyword[0].length, groupPrefix);
    if (!first) continue;
    cited.add(idOf(first.ref));
    let last = first.ref;
    let at = first.end;
    for (;;) {
      const separator = readSeparator(text, at);
      if (!separator) break;
      const item = separator.bareComma && !plural ? null : readItem(text, separator.end, groupPrefix);
      if (item) {
        const ids = separator.range ? rangeIds(last, item.ref) : [idOf(item.ref)];
        for (const id of ids) cited.add(id);
        last = item.ref;
        at = item.end;
        continue;
      }
      const panelEnd = readPanel(text, separator.end);
      if (panelEnd === null) break;
      at = panelEnd;
    }
  }
  return cited;
}

/** True when the text cites the figure with this id ("3", "S1", "ED2"). */
export function mentionsFigure(paragraphText: string, figNumber: string): boolean {
  return citedFigures(paragraphText).has(figNumber.trim().toUpperCase());
}

/**
 * The figure ids a label names: "Figure 3" → ["3"], "Fig. 2A" → ["2"],
 * "Figure S1" and "Supplementary Figure 1" → ["S1"], a bare "4." → ["4"],
 * "Table 1" → [].
 */
export function figureNumbers(label: string): string[] {
  const cited = [...citedFigures(label)];
  if (cited.length > 0) return cited;
  const bare = /^\s*(s)?(\d+(?:\.\d+)*)[a-z]?[.:]?\s*$/iu.exec(label);
  if (!bare?.[2]) return [];
  return [idOf({ prefix: bare[1] ? "S" : "", number: bare[2], supplement: null })];
}

function prefixOf(groupWord: string | undefined): string {
  if (groupWord === undefined) return "";
  return groupWord.toLowerCase().startsWith("extended") ? "ED" : "S";
}

function idOf(ref: FigureRef): string {
  const base = `${ref.prefix}${ref.number}`;
  return ref.supplement === null ? base : `${base}-FS${ref.supplement}`;
}

function readItem(text: string, at: number, groupPrefix: string): { ref: FigureRef; end: number } | null {
  itemPattern.lastIndex = at;
  const match = itemPattern.exec(text);
  if (!match?.[2]) return null;
  const prefix = match[1] ? "S" : groupPrefix;
  return { ref: { prefix, number: match[2], supplement: match[3] ?? null }, end: at + match[0].length };
}

function readSeparator(text: string, at: number): { end: number; range: boolean; bareComma: boolean } | null {
  separatorPattern.lastIndex = at;
  const match = separatorPattern.exec(text);
  if (!match) return null;
  return {
    end: at + match[0].length,
    range: match[3] !== undefined,
    bareComma: match[1] !== undefined && match[2] === undefined,
  };
}

function readPanel(text: string, at: number): number | null {
  panelPattern.lastIndex = at;
  const match = panelPattern.exec(text);
  return match ? at + match[0].length : null;
}

/** "2"–"4" → 2, 3, 4; "S2"–"4" → S2, S3, S4; "3.1"–"3.3" → 3.1, 3.2, 3.3. */
function rangeIds(from: FigureRef, to: FigureRef): string[] {
  // "Figures S2–4": the end of a range takes the start's prefix when it has none.
  const end: FigureRef = to.prefix === "" ? { ...to, prefix: from.prefix } : to;
  const ends = [idOf(from), idOf(end)];
  if (from.prefix !== end.prefix || from.supplement !== null || end.supplement !== null) return ends;
  const fromParts = from.number.split(".");
  const toParts = end.number.split(".");
  if (fromParts.length !== toParts.length || fromParts.slice(0, -1).join(".") !== toParts.slice(0, -1).join(".")) {
    return ends;
  }
  const first = Number(fromParts[fromParts.length - 1]);
  const last = Number(toParts[toParts.length - 1]);
  if (!(last > first) || last - first > maxRangeSpan) return ends;
  const head = fromParts.slice(0, -1).map((part) => `${part}.`).join("");
  const ids: string[] = [];
  for (let n = first; n <= last; n += 1) ids.push(idOf({ ...from, number: `${head}${n}` }));
  return ids;
}
