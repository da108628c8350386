// The clock of a batch, for both APIs: created → validating (validatingMs)
// → in progress, its lines finishing evenly spread over processingMs →
// ended. A cancel stops lines not yet finished; the batch is cancelled
// cancellingMs later. Lines are processed lazily, when someone looks
// (retrieve, results) or when the end timer fires, so the state is always
// what the clock says without a timer per line.
import type { ResolvedOptions } from "./options";

export type BatchPhase = "validating" | "in_progress" | "cancelling" | "cancelled" | "failed" | "ended";

export class BatchRun<R> {
  readonly createdAt = Date.now();
  private cancelledAt: number | null = null;
  private readonly results: R[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly lineCount: number,
    private readonly timing: ResolvedOptions["batch"],
    private readonly processLine: (index: number) => R,
    /** A batch whose input failed validation: it goes from validating to failed. */
    private readonly failed = false,
  ) {
    // Finish the lines even if nobody polls, so stats() shows them.
    this.timer = setTimeout(() => this.advance(), Math.max(0, this.completesAt - this.createdAt));
    this.timer.unref();
  }

  get inProgressAt(): number {
    return this.createdAt + this.timing.validatingMs;
  }

  get completesAt(): number {
    return this.inProgressAt + this.timing.processingMs;
  }

  private dueAt(index: number): number {
    return this.inProgressAt + ((index + 1) / this.lineCount) * this.timing.processingMs;
  }

  /** Results of the lines finished so far, in input order. */
  finished(): readonly R[] {
    this.advance();
    return this.results;
  }

  private advance(now = Date.now()): void {
    if (this.failed) return;
    const horizon = Math.min(now, this.cancelledAt ?? Infinity);
    while (this.results.length < this.lineCount && this.dueAt(this.results.length) <= horizon) {
      this.results.push(this.processLine(this.results.length));
    }
  }

  phase(now = Date.now()): BatchPhase {
    this.advance(now);
    if (this.failed) return now < this.inProgressAt ? "validating" : "failed";
    if (this.cancelledAt !== null) return now < this.cancelledAt + this.timing.cancellingMs ? "cancelling" : "cancelled";
    if (now >= this.completesAt && this.results.length === this.lineCount) return "ended";
    return now < this.inProgressAt ? "validating" : "in_progress";
  }

  /** When the batch reached its terminal phase (null while it runs). */
  endedAt(now = Date.now()): number | null {
    const phase = this.phase(now);
    if (phase === "ended") return this.completesAt;
    if (phase === "cancelled") return (this.cancelledAt as number) + this.timing.cancellingMs;
    if (phase === "failed") return this.inProgressAt;
    return null;
  }

  get cancelInitiatedAt(): number | null {
    return this.cancelledAt;
  }

  /** Cancels a running batch; a finished one is left as it is. */
  cancel(now = Date.now()): void {
    const phase = this.phase(now);
    if (phase === "validating" || phase === "in_progress") this.cancelledAt = now;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
