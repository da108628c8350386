export type LabelDef = { value: number; name: string; key: string; description: string };

export type LabelFigure = {
  id: number;
  customId: string;
  figLabel: string;
  caption: string;
  mentions: string[];
  imageHash: string | null;
  imageMissing: boolean;
  width: number | null;
  height: number | null;
  article: { title: string; journal: string; handle: string };
};

export type NextPage = { items: LabelFigure[]; extractor: string; hasPca: boolean };
export type Order = "pc1" | "random" | "similar" | "uncertain";
export type Progress = { total: number; mine: number; team: number; remaining: number; labelsPerFigure: number };
