"use client";
// The 2-D map: every figure at (PC1, PC2), coloured by its label. Hover shows
// the thumbnail; drag a rectangle to select a region and label it in bulk.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { LabelDef } from "@/components/label/types";
import { api } from "@/lib/client/api";

type Point = { id: number; pc1: number; pc2: number; label: number | null };
const W = 760;
const H = 520;
const PAD = 16;
const COLORS: Record<string, string> = { "2": "#3fb68b", "1": "#e3a33b", "0": "#ef5d5d", none: "#7c9cff" };

export function PcaMap({ projectId, extractor, labels, canLabel }: { projectId: number; extractor: string; labels: LabelDef[]; canLabel: boolean }) {
  const qc = useQueryClient();
  const canvas = useRef<HTMLCanvasElement>(null);
  const points = useQuery({
    queryKey: ["pca-map", projectId, extractor],
    queryFn: () => api<Point[]>(`/api/projects/${projectId}/analysis/map?extractor=${encodeURIComponent(extractor)}`),
  });
  const [hover, setHover] = useState<{ p: Point; x: number; y: number } | null>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const scale = useMemo(() => {
    const ps = points.data ?? [];
    const xs = ps.map((p) => p.pc1);
    const ys = ps.map((p) => p.pc2);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    return {
      x: (v: number) => PAD + ((v - x0) / (x1 - x0 || 1)) * (W - 2 * PAD),
      y: (v: number) => H - PAD - ((v - y0) / (y1 - y0 || 1)) * (H - 2 * PAD),
    };
  }, [points.data]);

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx || !points.data) return;
    ctx.clearRect(0, 0, W, H);
    const sel = new Set(selected);
    for (const p of points.data) {
      ctx.fillStyle = sel.has(p.id) ? "#ffffff" : COLORS[p.label === null ? "none" : String(p.label)] ?? "#999";
      ctx.fillRect(scale.x(p.pc1) - 2, scale.y(p.pc2) - 2, 4, 4);
    }
  }, [points.data, scale, selected]);

  const at = (e: React.MouseEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const nearest = (x: number, y: number) => {
    let best: Point | null = null;
    let bd = 64;
    for (const p of points.data ?? []) {
      const d = (scale.x(p.pc1) - x) ** 2 + (scale.y(p.pc2) - y) ** 2;
      if (d < bd) [best, bd] = [p, d];
    }
    return best;
  };

  async function labelSelection(def: LabelDef) {
    try {
      await api(`/api/projects/${projectId}/label/bulk`, {
        method: "POST",
        json: { figureIds: selected, value: def.value, requestId: crypto.randomUUID() },
      });
      setMessage(`${selected.length} figures labelled ${def.name}.`);
      setSelected([]);
      void qc.invalidateQueries({ queryKey: ["pca-map", projectId] });
    } catch (e) {
      setMessage((e as Error).message);
    }
  }

  if (points.data?.length === 0) return <p className="text-sm text-muted">No PCA scores for {extractor} yet.</p>;
  return (
    <div className="space-y-2">
      <div className="relative" style={{ width: W, height: H }}>
        <canvas
          ref={canvas}
          width={W}
          height={H}
          data-testid="pca-map"
          data-points={points.data?.length ?? ""}
          className="rounded border border-line bg-black"
          onMouseDown={(e) => {
            const { x, y } = at(e);
            setDrag({ x0: x, y0: y, x1: x, y1: y });
          }}
          onMouseMove={(e) => {
            const { x, y } = at(e);
            if (drag) setDrag({ ...drag, x1: x, y1: y });
            const p = nearest(x, y);
            setHover(p ? { p, x, y } : null);
          }}
          onMouseUp={() => {
            if (!drag) return;
            const [xa, xb] = [Math.min(drag.x0, drag.x1), Math.max(drag.x0, drag.x1)];
            const [ya, yb] = [Math.min(drag.y0, drag.y1), Math.max(drag.y0, drag.y1)];
            if (xb - xa > 3 && yb - ya > 3) {
              setSelected(
                (points.data ?? [])
                  .filter((p) => {
                    const [px, py] = [scale.x(p.pc1), scale.y(p.pc2)];
                    return px >= xa && px <= xb && py >= ya && py <= yb;
                  })
                  .map((p) => p.id),
              );
            }
            setDrag(null);
          }}
          onMouseLeave={() => setHover(null)}
        />
        {drag && (
          <div
            className="pointer-events-none absolute border border-white/70 bg-white/10"
            style={{ left: Math.min(drag.x0, drag.x1), top: Math.min(drag.y0, drag.y1), width: Math.abs(drag.x1 - drag.x0), height: Math.abs(drag.y1 - drag.y0) }}
          />
        )}
        {hover && (
          <div className="pointer-events-none absolute rounded border border-line bg-panel p-1" style={{ left: hover.x + 12, top: hover.y + 12 }}>
            {/* eslint-disable-next-line @next/next/no-img-element -- our thumbnails */}
            <img src={`/api/figures/${hover.p.id}/image?size=thumb`} alt="" className="h-32 w-32 object-contain" />
          </div>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-muted">PC1 → · PC2 ↑ · drag to select a region</span>
        {selected.length > 0 && (
          <>
            <span data-testid="map-selected">{selected.length} selected</span>
            {canLabel &&
              labels.map((l) => (
                <Button key={l.value} size="sm" variant="secondary" onClick={() => void labelSelection(l)}>
                  Label {l.name}
                </Button>
              ))}
          </>
        )}
        {message && <span className="text-muted">{message}</span>}
      </div>
    </div>
  );
}
