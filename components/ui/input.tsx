import type { ComponentProps } from "react";
import { cn } from "@/lib/client/cn";

const field = "h-9 rounded-md border border-line bg-panel-2 px-3 text-sm text-fg placeholder:text-muted/70";

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cn(field, className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={cn(field, "pr-8", className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("flex flex-col gap-1 text-xs font-medium text-muted", className)} {...props} />;
}
