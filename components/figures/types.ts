// Shapes the library's route handlers return, as the browser sees them.
/** One grid tile: what the tile shows, nothing more (lib/figures/library.ts). */
export type FigureTile = {
  id: number;
  customId: string;
  figLabel: string;
  /** The first 120 characters. */
  caption: string;
  hasImage: boolean;
};

export type FigurePage = { items: FigureTile[]; next: number | null; total?: number };

export type FigureDetail = {
  id: number;
  customId: string;
  figLabel: string;
  caption: string;
  imageHash: string | null;
  imageMissing: boolean;
  /** Why the image was refused after the import passed it (lib/imports/unreadable-images.ts). */
  imageError: string | null;
  width: number | null;
  height: number | null;
  articleId: number;
  mentions: string[];
  page: number | null;
  synthetic: boolean;
  imageName: string | null;
  article: { id: number; handle: string; journal: string; title: string; doi: string | null; pmcid: string | null; year: number | null };
};

export type Filters = {
  journal: string;
  articleId: string;
  hasMentions: "" | "yes" | "no";
  image: "" | "present" | "missing";
  labelState: "" | "labelled" | "unlabelled";
  q: string;
};
export const noFilters: Filters = { journal: "", articleId: "", hasMentions: "", image: "", labelState: "", q: "" };
