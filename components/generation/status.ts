export function statusTone(status: string): "ok" | "bad" | "warn" | "accent" | "muted" {
  if (status === "succeeded") return "ok";
  if (status === "failed") return "bad";
  if (status === "partial" || status === "budget_stopped" || status === "paused") return "warn";
  if (status === "running" || status === "sending" || status === "batched") return "accent";
  return "muted";
}
