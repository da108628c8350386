"use client";
import * as P from "@radix-ui/react-progress";
import { cn } from "@/lib/client/cn";

export function Progress({ value, max = 100, className, label }: { value: number; max?: number; className?: string; label: string }) {
  const pct = max > 0 ? Math.min(100, (value / max) * 100) : 0;
  return (
    <P.Root value={value} max={max} aria-label={label} className={cn("h-2 w-full overflow-hidden rounded-full bg-panel-2", className)}>
      <P.Indicator className="h-full bg-accent transition-[width] duration-300" style={{ width: `${pct}%` }} />
    </P.Root>
  );
}
