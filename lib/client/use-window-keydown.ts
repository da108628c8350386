"use client";
// A window keydown listener that always sees the state of the last render.
// Re-adding the listener in useEffect leaves a gap: passive effects run after
// paint, so a key pressed just as a new figure appears (after a fetch) would
// reach the previous render's handler and be lost. A layout effect updates
// the handler in the same task as the DOM change, leaving no such gap.
import { useEffect, useLayoutEffect, useRef } from "react";

export function useWindowKeydown(handler: (e: KeyboardEvent) => void) {
  const latest = useRef(handler);
  useLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => latest.current(e);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
