"use client";
// A virtualized thumbnail grid: only the rows on screen (plus a few) exist in
// the DOM, so 100,000 figures scroll like 100.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef, useState } from "react";
import { cn } from "@/lib/client/cn";
import type { FigureTile } from "./types";

const TILE = 176;
const GAP = 8;

type Props = {
  items: FigureTile[];
  selected: number;
  onSelect: (index: number) => void;
  onOpen: (index: number) => void;
  onNearEnd: () => void;
};

export function FigureGrid({ items, selected, onSelect, onOpen, onNearEnd }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [cols, setCols] = useState(4);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setCols(Math.max(1, Math.floor((el.clientWidth - GAP) / (TILE + GAP)))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const rows = Math.ceil(items.length / cols);
  // eslint-disable-next-line react-hooks/incompatible-library -- the grid re-renders on scroll by design
  const v = useVirtualizer({ count: rows, getScrollElement: () => scroller.current, estimateSize: () => TILE + GAP + 36, overscan: 3 });
  const virtualRows = v.getVirtualItems();
  const lastRow = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (lastRow >= rows - 4) onNearEnd();
  }, [lastRow, rows, onNearEnd]);

  useEffect(() => {
    if (selected >= 0) v.scrollToIndex(Math.floor(selected / cols), { align: "auto" });
  }, [selected, cols, v]);

  function onKey(e: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, PageDown: cols * 4, PageUp: -cols * 4 };
    if (e.key in moves) {
      e.preventDefault();
      onSelect(Math.min(items.length - 1, Math.max(0, (selected < 0 ? 0 : selected + moves[e.key]!))));
    } else if (e.key === "Home") onSelect(0);
    else if (e.key === "End") onSelect(items.length - 1);
    else if (e.key === "Enter" && selected >= 0) onOpen(selected);
  }

  return (
    <div
      ref={scroller}
      tabIndex={0}
      onKeyDown={onKey}
      role="grid"
      aria-label="Figures"
      data-testid="figure-grid"
      className="h-full overflow-auto p-2 outline-none"
    >
      <div style={{ height: v.getTotalSize(), position: "relative" }}>
        {virtualRows.map((row) => (
          <div
            key={row.key}
            role="row"
            className="absolute left-0 flex gap-2"
            style={{ transform: `translateY(${row.start}px)`, height: row.size }}
          >
            {items.slice(row.index * cols, row.index * cols + cols).map((f, j) => {
              const i = row.index * cols + j;
              return (
                <button
                  key={f.id}
                  role="gridcell"
                  aria-selected={i === selected}
                  data-figure-id={f.id}
                  onClick={() => onSelect(i)}
                  onDoubleClick={() => onOpen(i)}
                  className={cn(
                    "flex flex-col overflow-hidden rounded-md border bg-panel text-left",
                    i === selected ? "border-accent ring-1 ring-accent" : "border-line hover:border-muted",
                  )}
                  style={{ width: TILE }}
                >
                  <div className="flex items-center justify-center bg-black" style={{ height: TILE - 20 }}>
                    {f.hasImage ? (
                      // eslint-disable-next-line @next/next/no-img-element -- content-addressed thumbnails, already sized
                      <img
                        src={`/api/figures/${f.id}/image?size=thumb`}
                        alt={f.figLabel}
                        loading="lazy"
                        decoding="async"
                        className="max-h-full max-w-full object-contain"
                      />
                    ) : (
                      <span className="px-3 text-center text-xs text-warn">No image (caption only)</span>
                    )}
                  </div>
                  <div className="truncate px-2 py-1 text-xs text-muted">{f.figLabel || f.customId}</div>
                  <div className="truncate px-2 pb-1 text-[11px] text-muted/70">{f.caption}</div>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
