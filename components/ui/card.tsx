import type { ComponentProps } from "react";
import { cn } from "@/lib/client/cn";

export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={cn("rounded-lg border border-line bg-panel p-5", className)} {...props} />;
}

export function Badge({ className, tone = "muted", ...props }: ComponentProps<"span"> & { tone?: "muted" | "ok" | "warn" | "bad" | "accent" }) {
  const tones = {
    muted: "bg-panel-2 text-muted",
    ok: "bg-ok/15 text-ok",
    warn: "bg-warn/15 text-warn",
    bad: "bg-bad/15 text-bad",
    accent: "bg-accent/15 text-accent",
  };
  return <span className={cn("inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium", tones[tone], className)} {...props} />;
}
