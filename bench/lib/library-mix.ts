// The request mix for the library endpoint: what the grid asks (a page of
// `limit`, 100 as components/figures/use-figures.ts asks) with the filters a
// person combines, drawn with a fixed seed.
import { pick, rng } from "./stats";
import { searchWords } from "./text";

export type LibraryRequest = { kind: string; filters: Record<string, string>; path: string };

export function requestMix(api: string, journals: readonly string[], ids: { min: number; max: number }, count: number, limit = 100) {
  const r = rng(42);
  const after = () => String(ids.min + Math.floor(r() * (ids.max - ids.min)));
  const journal = () => pick(r, journals);
  const q = () => pick(r, searchWords);
  const kinds: [kind: string, weight: number, make: () => Record<string, string>][] = [
    ["none", 10, () => ({})],
    ["journal", 15, () => ({ journal: journal() })],
    ["hasMentions=yes", 10, () => ({ hasMentions: "yes" })],
    ["hasMentions=no", 5, () => ({ hasMentions: "no" })],
    ["q", 20, () => ({ q: q() })],
    ["after", 15, () => ({ after: after() })],
    ["journal+hasMentions", 5, () => ({ journal: journal(), hasMentions: "yes" })],
    ["journal+q", 5, () => ({ journal: journal(), q: q() })],
    ["q+after", 5, () => ({ q: q(), after: after() })],
    ["hasMentions+after", 5, () => ({ hasMentions: "yes", after: after() })],
    ["journal+hasMentions+q", 5, () => ({ journal: journal(), hasMentions: "yes", q: q() })],
  ];
  const total = kinds.reduce((s, k) => s + k[1], 0);
  const requests: LibraryRequest[] = Array.from({ length: count }, () => {
    let x = r() * total;
    const [kind, , make] = kinds.find((k) => (x -= k[1]) < 0) ?? kinds[0]!;
    const filters = make();
    return { kind, filters, path: `${api}?${new URLSearchParams({ limit: String(limit), ...filters })}` };
  });
  return { kinds: kinds.map((k) => k[0]), requests };
}
