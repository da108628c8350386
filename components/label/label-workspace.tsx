"use client";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Select } from "@/components/ui/input";
import { cn } from "@/lib/client/cn";
import { GridLabeler } from "./grid-labeler";
import { SingleLabeler } from "./single-labeler";
import type { LabelDef, Order } from "./types";
import { ProjectSelect } from "@/components/shell/project-select";

type Project = { id: number; name: string };

export function LabelWorkspace({ projects, projectId, labels }: { projects: Project[]; projectId: number; labels: LabelDef[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [mode, setMode] = useState<"single" | "grid">("single");
  const [order, setOrder] = useState<Order>("pc1");
  const [anchor, setAnchor] = useState<number | null>(null);
  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-line px-4 py-2">
        <ProjectSelect projects={projects} value={projectId} onChange={(id) => router.push(`${pathname}?project=${id}`)} className="" />
        <div className="flex rounded-md border border-line p-0.5 text-sm" role="tablist" aria-label="Mode">
          {(["single", "grid"] as const).map((m) => (
            <button
              key={m}
              role="tab"
              aria-selected={mode === m}
              onClick={() => setMode(m)}
              className={cn("rounded px-3 py-1", mode === m ? "bg-panel-2 text-fg" : "text-muted")}
            >
              {m === "single" ? "One at a time" : "Grid"}
            </button>
          ))}
        </div>
        <Select
          aria-label="Order"
          value={order}
          onChange={(e) => {
            setOrder(e.target.value as Order);
            setAnchor(null);
          }}
        >
          <option value="pc1">PC1 order (similar figures together)</option>
          <option value="random">Random</option>
          <option value="uncertain">Uncertain first (filter model)</option>
          <option value="similar" disabled={anchor === null}>
            More like the chosen figure
          </option>
        </Select>
        <a className="ml-auto text-sm text-accent" href={`/api/projects/${projectId}/labels/export`}>
          Export labels (CSV)
        </a>
      </div>
      <div className="min-h-0 flex-1">
        {mode === "single" ? (
          <SingleLabeler
            key={`${order}-${anchor}`}
            projectId={projectId}
            labels={labels}
            order={order}
            anchor={anchor}
            onSimilar={(id) => {
              setAnchor(id);
              setOrder("similar");
            }}
          />
        ) : (
          <GridLabeler key={order} projectId={projectId} labels={labels} order={order} />
        )}
      </div>
    </div>
  );
}
