// Inter-annotator agreement when a project asks for several labels per
// figure: Cohen's κ for two raters, Fleiss' κ for more.
//
// Both are (observed − chance agreement) / (1 − chance agreement). When every
// label is one and the same category, chance agreement is already 1 and κ is
// 0/0: undefined, returned as NaN (as sklearn and statsmodels do) rather than
// 1, because such data cannot tell careful raters from ones who press the
// same key every time. Callers show "n/a" next to the raw agreement.

/** Cohen's κ of two raters' labels for the same items, position by position.
 * `categories` (default: every value seen) only has to cover the labels. */
export function cohenKappa(a: readonly number[], b: readonly number[], categories?: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`cohenKappa: the raters labelled ${a.length} and ${b.length} items; they must label the same items`);
  if (a.length === 0) throw new Error("cohenKappa: no items to compare");
  const cats = categories ?? [...new Set([...a, ...b])];
  const index = categoryIndex(cats, "cohenKappa");
  const countA = new Array<number>(cats.length).fill(0);
  const countB = new Array<number>(cats.length).fill(0);
  let agree = 0;
  for (let i = 0; i < a.length; i++) {
    countA[index(a[i]!)]! += 1;
    countB[index(b[i]!)]! += 1;
    if (a[i] === b[i]) agree++;
  }
  const n = a.length;
  const observed = agree / n;
  const chance = countA.reduce((s, ca, j) => s + (ca / n) * (countB[j]! / n), 0);
  return chance === 1 ? NaN : (observed - chance) / (1 - chance);
}

/**
 * Fleiss' κ from a subjects × categories table of counts: ratings[i][j] =
 * how many raters put subject i in category j. Every subject needs the same
 * number of raters (at least 2); which raters they are may differ.
 */
export function fleissKappa(ratings: readonly (readonly number[])[]): number {
  const N = ratings.length;
  if (N === 0) throw new Error("fleissKappa: no subjects");
  const k = ratings[0]!.length;
  const sum = (row: readonly number[]) => row.reduce((s, x) => s + x, 0);
  const n = sum(ratings[0]!);
  if (n < 2) throw new Error(`fleissKappa: each subject needs at least 2 ratings, got ${n}`);
  const totals = new Array<number>(k).fill(0);
  let agreement = 0;
  for (const [i, row] of ratings.entries()) {
    if (row.length !== k) throw new Error(`fleissKappa: subject ${i} has ${row.length} categories, expected ${k}`);
    if (!row.every((x) => Number.isInteger(x) && x >= 0)) throw new Error(`fleissKappa: subject ${i} has a count that is not a whole number ≥ 0`);
    if (sum(row) !== n) throw new Error(`fleissKappa: subject ${i} has ${sum(row)} ratings, expected ${n} like subject 0`);
    // P_i: the share of rater pairs that agree on subject i.
    agreement += (row.reduce((s, x) => s + x * x, 0) - n) / (n * (n - 1));
    row.forEach((x, j) => (totals[j]! += x));
  }
  const observed = agreement / N;
  const chance = totals.reduce((s, t) => s + (t / (N * n)) ** 2, 0);
  return chance === 1 ? NaN : (observed - chance) / (1 - chance);
}

export interface FleissResult {
  kappa: number;
  /** Subjects counted: those with `raters` labels. */
  subjects: number;
  raters: number;
  /** Subjects left out for having fewer labels than the others. */
  dropped: number;
}

/**
 * Fleiss' κ from each subject's list of labels. Fleiss' κ needs the same
 * number of raters per subject, so that number is the most labels any subject
 * has, and subjects with fewer (figures still waiting for their overlap
 * labels) are dropped and counted in `dropped`.
 */
export function fleissFromLabels(perSubjectLabels: readonly (readonly number[])[], categories: readonly number[]): FleissResult {
  if (perSubjectLabels.length === 0) throw new Error("fleissFromLabels: no subjects");
  const index = categoryIndex(categories, "fleissFromLabels");
  const raters = perSubjectLabels.reduce((m, l) => Math.max(m, l.length), 0);
  const complete = perSubjectLabels.filter((l) => l.length === raters);
  const table = complete.map((labels) => {
    const row = new Array<number>(categories.length).fill(0);
    for (const label of labels) row[index(label)]! += 1;
    return row;
  });
  return { kappa: fleissKappa(table), subjects: complete.length, raters, dropped: perSubjectLabels.length - complete.length };
}

function categoryIndex(categories: readonly number[], who: string): (label: number) => number {
  const index = new Map(categories.map((c, i) => [c, i]));
  if (index.size !== categories.length) throw new Error(`${who}: categories must be distinct`);
  return (label) => {
    const i = index.get(label);
    if (i === undefined) throw new Error(`${who}: label ${label} is not one of the categories ${categories.join(", ")}`);
    return i;
  };
}
