"use client";
// Single mode: one large figure; a key labels it and the next one is on
// screen at once (already prefetched), while the save runs in the background.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { Badge } from "@/components/ui/card";
import { ZoomableImage } from "@/components/figures/zoomable-image";
import { api } from "@/lib/client/api";
import type { LabelDef, LabelFigure, NextPage, Order } from "./types";
import { useWindowKeydown } from "@/lib/client/use-window-keydown";
import { useSaveQueue } from "./use-save-queue";

const PREFETCH = 10;
// Keep a margin beyond the prefetched ten, so fast typing never outruns the queue.
const REFILL_BELOW = PREFETCH + 6;
const imageUrl = (f: LabelFigure) => `/api/figures/${f.id}/image`;

type Done = { figure: LabelFigure; value: number };

export function SingleLabeler({ projectId, labels, order, anchor, onSimilar }: {
  projectId: number;
  labels: LabelDef[];
  order: Order;
  anchor: number | null;
  onSimilar: (figureId: number) => void;
}) {
  const qc = useQueryClient();
  const [queue, setQueue] = useState<LabelFigure[]>([]);
  const [done, setDone] = useState<Done[]>([]);
  const [exhausted, setExhausted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [meta, setMeta] = useState<{ extractor: string; hasPca: boolean } | null>(null);
  const fetching = useRef(false);
  // Prefetched images, held so the browser keeps them decoded.
  const decoded = useRef(new Map<number, HTMLImageElement>());
  const seed = useRef(crypto.randomUUID().slice(0, 8));
  const queueRef = useRef(queue);
  useEffect(() => {
    queueRef.current = queue;
  }, [queue]);

  // Progress refreshes at most every few seconds: refetching after every save
  // would compete with painting the next figure.
  const progressTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onSaved = useCallback(() => {
    progressTimer.current ??= setTimeout(() => {
      progressTimer.current = null;
      void qc.invalidateQueries({ queryKey: ["label-progress", projectId] });
    }, 1_000);
  }, [qc, projectId]);
  const saves = useSaveQueue(onSaved);

  const refill = useCallback(async () => {
    if (fetching.current) return;
    fetching.current = true;
    try {
      const holding = queueRef.current.map((f) => f.id).join(",");
      const q = new URLSearchParams({ order, n: "20", holding, seed: seed.current });
      if (anchor) q.set("anchor", String(anchor));
      const page = await api<NextPage>(`/api/projects/${projectId}/label/next?${q}`);
      setMeta({ extractor: page.extractor, hasPca: page.hasPca });
      setExhausted(page.items.length === 0);
      setQueue((cur) => [...cur, ...page.items.filter((f) => !cur.some((c) => c.id === f.id))]);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      fetching.current = false;
    }
  }, [projectId, order, anchor]);

  // Keep PREFETCH figures ahead, their images already in the browser cache.
  // (A new order or anchor remounts this component with an empty queue.)
  useEffect(() => {
    if (queue.length < REFILL_BELOW && !exhausted) setTimeout(() => void refill(), 0);
    // Fetched and decoded ahead, so the next figure paints in the frame after the key.
    for (const f of queue.slice(1, 1 + PREFETCH)) {
      if (!f.imageHash || decoded.current.has(f.id)) continue;
      const img = new Image();
      img.src = imageUrl(f);
      decoded.current.set(f.id, img);
      img.decode().catch(() => undefined);
    }
    for (const id of decoded.current.keys()) if (!queue.some((f) => f.id === id)) decoded.current.delete(id);
  }, [queue, exhausted, refill]);

  // Closing the page frees this clinician's leased figures at once.
  useEffect(() => {
    const release = () => navigator.sendBeacon(`/api/projects/${projectId}/label/leases`);
    window.addEventListener("pagehide", release);
    return () => window.removeEventListener("pagehide", release);
  }, [projectId]);

  const current = queue[0];
  const labelKeys = labels.map((l) => l.key);

  useWindowKeydown((e) => {
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.metaKey || e.altKey) return;
    const def = labels.find((l) => l.key === e.key);
    if (def && current) {
      e.preventDefault();
      performance.mark("label-key");
      saves.save(current.id, def.value);
      setDone((d) => [...d, { figure: current, value: def.value }]);
      setQueue((q) => q.slice(1));
    } else if ((e.key === "Backspace" || e.key === "u" || (e.key === "z" && e.ctrlKey)) && done.length) {
      e.preventDefault();
      const last = done[done.length - 1]!;
      saves.save(last.figure.id, null);
      setDone((d) => d.slice(0, -1));
      setQueue((q) => [last.figure, ...q]);
    } else if ((e.key === "s" || e.key === " ") && current) {
      e.preventDefault();
      setQueue((q) => q.slice(1)); // dropped from holding: its lease lapses for others
    } else if (e.key === "m" && current) {
      onSimilar(current.id);
    }
  });

  const progress = useQuery({
    queryKey: ["label-progress", projectId],
    queryFn: () => api<{ mine: number; team: number; remaining: number; total: number }>(`/api/projects/${projectId}/label/progress`),
    refetchInterval: 15_000,
  });

  return (
    <div className="flex h-full min-h-0">
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="min-h-0 flex-1" data-testid="label-stage" data-figure-id={current?.id ?? ""}>
          {current ? (
            current.imageHash ? (
              <ZoomableImage key={current.id} src={imageUrl(current)} alt={current.figLabel} keyboard labelKeys={labelKeys} />
            ) : (
              <div className="flex h-full items-center justify-center bg-black text-warn">Caption only: the image was not imported.</div>
            )
          ) : (
            <div className="flex h-full items-center justify-center text-muted" data-testid="label-empty">
              {exhausted ? "Nothing left to label in this order. Change the order or come back when colleagues free figures." : "Loading…"}
            </div>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2 border-t border-line px-4 py-2 text-sm">
          <span className="contents" data-testid="key-legend">
            {labels.map((l) => (
              <span key={l.value} className="rounded border border-line px-2 py-1" data-testid={`key-legend-${l.value}`}>
                <kbd className="mr-1 font-mono text-accent">{l.key}</kbd>
                {l.name}
              </span>
            ))}
          </span>
          <span className="text-muted">
            <kbd className="font-mono">⌫</kbd>/<kbd className="font-mono">u</kbd> undo · <kbd className="font-mono">s</kbd> skip ·{" "}
            <kbd className="font-mono">m</kbd> more like this · <kbd className="font-mono">+ −</kbd> zoom
            {/* A label on 0 takes the key from the zoom reset (ZoomableImage's labelKeys). */}
            {!labelKeys.includes("0") && (
              <>
                {" "}
                · <kbd className="font-mono">0</kbd> reset zoom
              </>
            )}
          </span>
          <span className="ml-auto flex items-center gap-2" data-testid="save-state">
            {saves.failing > 0 ? (
              <Badge tone="bad">{`${saves.failing} save${saves.failing > 1 ? "s" : ""} failing: ${saves.lastError}`}</Badge>
            ) : saves.pending > 0 ? (
              <Badge>{`saving ${saves.pending}…`}</Badge>
            ) : (
              <Badge tone="ok">all saved</Badge>
            )}
          </span>
        </div>
      </div>
      <aside className="w-96 shrink-0 overflow-auto border-l border-line bg-panel p-4 text-sm">
        <div className="mb-4 grid grid-cols-3 gap-2 text-center" data-testid="label-progress">
          <Stat label="mine" value={progress.data?.mine} />
          <Stat label="team" value={progress.data?.team} />
          <Stat label="remaining" value={progress.data?.remaining} />
        </div>
        {meta && (
          <p className="mb-3 text-xs text-muted" data-testid="order-source">
            {order === "random"
              ? "Random order"
              : order === "uncertain"
                ? "Figures the filter model is least sure about first"
              : meta.hasPca
                ? `Ordered by ${order === "similar" ? "similarity" : "PC1"} of ${meta.extractor} features`
                : `PCA not computed yet (${meta.extractor}): figures in import order. A curator can compute it on the Analysis page.`}
          </p>
        )}
        {error && <p className="mb-3 text-bad">{error}</p>}
        {current && (
          <>
            <h2 className="font-semibold">{current.figLabel || current.customId}</h2>
            <p className="mt-2 leading-relaxed" data-testid="label-caption">
              {current.caption}
            </p>
            <p className="mt-3 text-xs text-muted">
              {current.article.title || current.article.handle} · {current.article.journal}
            </p>
          </>
        )}
        {done.length > 0 && (
          <p className="mt-6 text-xs text-muted">
            {done.length} labelled this session; last: {done[done.length - 1]!.figure.figLabel} →{" "}
            {labels.find((l) => l.value === done[done.length - 1]!.value)?.name}
          </p>
        )}
      </aside>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number | undefined }) {
  return (
    <div className="rounded border border-line bg-panel-2 py-2">
      <div className="text-lg font-semibold" data-testid={`progress-${label}`}>
        {value ?? "…"}
      </div>
      <div className="text-xs text-muted">{label}</div>
    </div>
  );
}
