"use client";
// Grid mode: select many figures (click, shift-click for a range, ctrl-click
// to toggle, arrows + space, "a" for all) and label them with one key.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/client/api";
import { cn } from "@/lib/client/cn";
import { useWindowKeydown } from "@/lib/client/use-window-keydown";
import type { LabelDef, LabelFigure, NextPage, Order } from "./types";

const PAGE = 48;

export function GridLabeler({ projectId, labels, order }: { projectId: number; labels: LabelDef[]; order: Order }) {
  const qc = useQueryClient();
  const [items, setItems] = useState<LabelFigure[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [anchor, setAnchor] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  const fetchAfter = useCallback(
    async (keep: LabelFigure[]) => {
      const q = new URLSearchParams({ order, n: String(PAGE - keep.length), holding: keep.map((f) => f.id).join(",") });
      const page = await api<NextPage>(`/api/projects/${projectId}/label/next?${q}`);
      return [...keep, ...page.items];
    },
    [projectId, order],
  );
  const load = useCallback(async (keep: LabelFigure[]) => setItems(await fetchAfter(keep)), [fetchAfter]);

  useEffect(() => {
    let live = true;
    void fetchAfter([]).then((all) => live && setItems(all));
    return () => {
      live = false;
    };
  }, [fetchAfter]);

  const labelSelected = useCallback(
    async (def: LabelDef) => {
      const ids = [...selected];
      if (!ids.length) return;
      const rest = items.filter((f) => !selected.has(f.id));
      setItems(rest);
      setSelected(new Set());
      try {
        await api(`/api/projects/${projectId}/label/bulk`, {
          method: "POST",
          json: { figureIds: ids, value: def.value, requestId: crypto.randomUUID() },
        });
        setMessage(`${ids.length} labelled ${def.name}.`);
        void qc.invalidateQueries({ queryKey: ["label-progress", projectId] });
      } catch (e) {
        setMessage(`Not saved: ${(e as Error).message}. The figures are back in the grid.`);
        await load(items);
        return;
      }
      await load(rest);
    },
    [selected, items, projectId, load, qc],
  );

  const selectRange = (from: number, to: number) => {
    const [a, b] = from < to ? [from, to] : [to, from];
    setSelected(new Set(items.slice(a, b + 1).map((f) => f.id)));
  };

  useWindowKeydown((e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
    const def = labels.find((l) => l.key === e.key);
    if (def) return void labelSelected(def);
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: 8, ArrowUp: -8 };
    if (e.key in moves) {
      e.preventDefault();
      const to = Math.max(0, Math.min(items.length - 1, cursor + moves[e.key]!));
      setCursor(to);
      if (e.shiftKey) selectRange(anchor, to);
      else setAnchor(to);
    } else if (e.key === " " && items[cursor]) {
      e.preventDefault();
      const id = items[cursor].id;
      setSelected((s) => {
        const n = new Set(s);
        if (n.has(id)) n.delete(id);
        else n.add(id);
        return n;
      });
    } else if (e.key === "a") setSelected(new Set(items.map((f) => f.id)));
    else if (e.key === "Escape") setSelected(new Set());
  });

  return (
    <div className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-line px-4 py-2 text-sm text-muted">
        <span data-testid="grid-selected">{selected.size} selected</span>
        <span>
          click · shift-click range · ctrl-click toggle · arrows + space · <kbd>a</kbd> all · then a label key (
          {labels.map((l) => `${l.key} ${l.name}`).join(", ")})
        </span>
        {message && <span className="ml-auto text-fg">{message}</span>}
      </div>
      <div className="grid min-h-0 flex-1 auto-rows-min grid-cols-8 gap-2 overflow-auto p-3" data-testid="label-grid">
        {items.map((f, i) => (
          <button
            key={f.id}
            data-figure-id={f.id}
            aria-pressed={selected.has(f.id)}
            onClick={(e) => {
              setCursor(i);
              if (e.shiftKey) return selectRange(anchor, i);
              setAnchor(i);
              setSelected((s) => {
                const n = e.ctrlKey || e.metaKey ? new Set(s) : new Set<number>();
                if (n.has(f.id)) n.delete(f.id);
                else n.add(f.id);
                return n;
              });
            }}
            className={cn(
              "overflow-hidden rounded border bg-black",
              selected.has(f.id) ? "border-accent ring-2 ring-accent" : "border-line",
              i === cursor && "outline outline-1 outline-muted",
            )}
          >
            {f.imageHash ? (
              // eslint-disable-next-line @next/next/no-img-element -- our thumbnails
              <img src={`/api/figures/${f.id}/image?size=thumb`} alt={f.figLabel} className="aspect-square w-full object-contain" />
            ) : (
              <div className="flex aspect-square items-center justify-center p-2 text-xs text-warn">caption only</div>
            )}
            <div className="truncate bg-panel px-1 py-0.5 text-[11px] text-muted">{f.figLabel}</div>
          </button>
        ))}
      </div>
    </div>
  );
}
