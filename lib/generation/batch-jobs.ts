import "server-only";
import { HttpError } from "@/lib/http/problem";

// TEMPORARY (replaced before commit): batch mode.
export async function enqueueBatchRun(runId: number): Promise<void> {
  throw new HttpError(501, "Batch mode unavailable", `Run ${runId}: batch mode is not wired yet.`);
}
