"use client";
// Saves run in the background: the labeler never waits for one. Each save
// has its own request id, so a retry after a lost response is recorded once;
// failures retry with backoff and stay visible until they go through. Saves
// of the same figure run in order (a label and its undo must not race).
import { useCallback, useRef, useState } from "react";

type Save = { key: string; url: string; body: unknown; attempts: number };

export function useSaveQueue(onSaved: () => void) {
  const pending = useRef(new Map<string, Save>());
  const [state, setState] = useState({ pending: 0, failing: 0, lastError: "" });
  const failing = useRef(new Set<string>());
  const chains = useRef(new Map<number, Promise<void>>());

  const refresh = useCallback((lastError = "") => {
    setState({ pending: pending.current.size, failing: failing.current.size, lastError });
  }, []);

  // One loop per save: retry with backoff until it lands or is refused.
  const run = useCallback(
    async (s: Save) => {
      for (;;) {
        try {
          const res = await fetch(s.url, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(s.body) });
          if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
            // Retrying won't help (e.g. the figure was deleted): say so and drop it.
            const p = (await res.json().catch(() => ({}))) as { detail?: string };
            pending.current.delete(s.key);
            failing.current.delete(s.key);
            refresh(p.detail ?? `save refused (${res.status})`);
            return;
          }
          if (!res.ok) throw new Error(`server answered ${res.status}`);
          pending.current.delete(s.key);
          failing.current.delete(s.key);
          refresh();
          onSaved();
          return;
        } catch (e) {
          s.attempts += 1;
          failing.current.add(s.key);
          refresh(`${(e as Error).message}; retrying`);
          await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** s.attempts)));
        }
      }
    },
    [onSaved, refresh],
  );

  const save = useCallback(
    (figureId: number, value: number | null) => {
      const key = crypto.randomUUID();
      const s = { key, url: `/api/figures/${figureId}/label`, body: { value, requestId: key }, attempts: 0 };
      pending.current.set(key, s);
      refresh();
      const after = (chains.current.get(figureId) ?? Promise.resolve()).then(() => run(s));
      chains.current.set(figureId, after);
      void after.finally(() => {
        if (chains.current.get(figureId) === after) chains.current.delete(figureId);
      });
    },
    [run, refresh],
  );

  return { save, ...state };
}
