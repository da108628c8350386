"use client";
// Wheel or +/- to zoom, drag to pan, 0 or double-click to reset.
import { useEffect, useRef, useState } from "react";

/**
 * `keyboard`: + / − / 0 zoom the image from anywhere on the page.
 * `labelKeys`: keys the page binds to labels, which the zoom leaves alone: a
 * project may put a label on 0 (the default schema does), and then 0 labels
 * the figure; the zoom resets with a double-click or the % button.
 */
export function ZoomableImage({ src, alt, keyboard = false, labelKeys = [] }: { src: string; alt: string; keyboard?: boolean; labelKeys?: readonly string[] }) {
  const [scale, setScale] = useState(1);
  const [pos, setPos] = useState({ x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const zoom = (f: number) => setScale((s) => Math.min(12, Math.max(1, s * f)));
  const reset = () => {
    setScale(1);
    setPos({ x: 0, y: 0 });
  };
  const resetByKey = !labelKeys.includes("0");
  useEffect(() => {
    if (!keyboard) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
      if (e.key === "+" || e.key === "=") setScale((s) => Math.min(12, s * 1.25));
      else if (e.key === "-") setScale((s) => Math.max(1, s * 0.8));
      else if (e.key === "0" && resetByKey) {
        setScale(1);
        setPos({ x: 0, y: 0 });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keyboard, resetByKey]);
  return (
    <div className="relative h-full w-full overflow-hidden bg-black" data-testid="zoomable">
      <div
        className="flex h-full w-full cursor-grab items-center justify-center active:cursor-grabbing"
        onWheel={(e) => zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2)}
        onPointerDown={(e) => {
          drag.current = { x: e.clientX - pos.x, y: e.clientY - pos.y };
          e.currentTarget.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => drag.current && setPos({ x: e.clientX - drag.current.x, y: e.clientY - drag.current.y })}
        onPointerUp={() => (drag.current = null)}
        onDoubleClick={reset}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- served by our own image route */}
        <img
          src={src}
          alt={alt}
          draggable={false}
          className="max-h-full max-w-full select-none object-contain"
          style={{ transform: `translate(${pos.x}px, ${pos.y}px) scale(${scale})` }}
        />
      </div>
      <div className="absolute bottom-2 right-2 flex gap-1 text-xs">
        <button className="rounded bg-panel-2/90 px-2 py-1" onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button className="rounded bg-panel-2/90 px-2 py-1" onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button className="rounded bg-panel-2/90 px-2 py-1" onClick={reset}>
          {Math.round(scale * 100)}%
        </button>
      </div>
    </div>
  );
}
