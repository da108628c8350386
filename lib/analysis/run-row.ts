// Progress bookkeeping for an AnalysisRun row (the progress bar's source).
import type { Db } from "@/lib/db/client";

export type RunIssue = { figureId?: number; reason: string };
const MAX_ERRORS = 2_000;

export class RunProgress {
  processed = 0;
  failed = 0;
  errors: RunIssue[] = [];
  constructor(
    private db: Db,
    private id: number,
    public total = 0,
  ) {}

  fail(issue: RunIssue) {
    this.failed += 1;
    if (this.errors.length < MAX_ERRORS) this.errors.push(issue);
  }

  async save(message: string, status: "running" | "succeeded" | "partial" | "failed" = "running") {
    const done = status !== "running";
    await this.db.analysisRun.update({
      where: { id: this.id },
      data: {
        status,
        message,
        total: this.total,
        processed: this.processed,
        failed: this.failed,
        errors: this.errors,
        ...(done ? { finishedAt: new Date() } : {}),
      },
    });
  }

  async finish(message: string) {
    await this.save(message, this.failed === 0 ? "succeeded" : this.processed > this.failed ? "partial" : "failed");
  }
}
