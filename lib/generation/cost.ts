import type { Provider } from "@/lib/db/client";
import type { Usage } from "@/lib/llm/types";

/** USD for one answer at the provider's prices; batch APIs bill half. */
export function costUsd(p: Pick<Provider, "inputPricePerMTok" | "outputPricePerMTok">, u: Usage, batch: boolean): number {
  const full = (u.inputTokens * p.inputPricePerMTok + u.outputTokens * p.outputPricePerMTok) / 1e6;
  return batch ? full / 2 : full;
}
