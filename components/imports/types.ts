export type ImportRow = {
  id: number;
  projectId: number;
  kind: string | null;
  status: "uploading" | "queued" | "running" | "succeeded" | "partial" | "failed";
  fileName: string;
  total: number;
  processed: number;
  imported: number;
  duplicates: number;
  failed: number;
  flagged: number;
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
  createdBy: { name: string; email: string } | null;
  errors?: { file: string; line?: number; reason: string }[];
  /** Figures whose image the thumbnail's full decode refused after the import passed it. */
  unreadable?: { figureId: number; customId: string; file: string; reason: string }[];
};

export const isActive = (s: ImportRow["status"]) => s === "uploading" || s === "queued" || s === "running";
