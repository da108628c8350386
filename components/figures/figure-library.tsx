"use client";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from "react";
import { Input, Select } from "@/components/ui/input";
import { FigureDetailPanel } from "./figure-detail";
import { FigureGrid } from "./figure-grid";
import { noFilters, type Filters } from "./types";
import { useFigurePages, useJournals } from "./use-figures";

type Project = { id: number; name: string; figureCount: number };

export function FigureLibrary({ projects, projectId }: { projects: Project[]; projectId: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<Filters>(noFilters);
  // Typing in the search box re-queries once the person pauses, not per key.
  const deferred = useDeferredValue(filters);
  const [q, setQ] = useState("");
  const [selected, setSelected] = useState(-1);
  const [detailOpen, setDetailOpen] = useState(false);
  const [articleName, setArticleName] = useState("");

  const changeFilters = useCallback((patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected(-1);
    setDetailOpen(false);
  }, []);

  useEffect(() => {
    const t = setTimeout(() => filters.q !== q && changeFilters({ q }), 250);
    return () => clearTimeout(t);
  }, [q, filters.q, changeFilters]);

  const pages = useFigurePages(projectId, deferred);
  const journals = useJournals(projectId);
  const items = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const total = pages.data?.pages[0]?.total;
  // The detail panel follows the selection, so arrow keys browse details too.
  const openId = detailOpen && selected >= 0 ? (items[selected]?.id ?? null) : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setDetailOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const set = (k: keyof Filters) => (e: React.ChangeEvent<HTMLSelectElement>) => changeFilters({ [k]: e.target.value });

  return (
    <div className="flex h-full">
      <div className="flex min-w-0 flex-1 flex-col">
        <div className="flex flex-wrap items-end gap-3 border-b border-line px-4 py-3">
          <Select
            aria-label="Project"
            value={projectId}
            onChange={(e) => router.push(`${pathname}?project=${e.target.value}`)}
          >
            {projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.figureCount.toLocaleString()})
              </option>
            ))}
          </Select>
          <Input
            aria-label="Search captions"
            placeholder="Search captions…"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            className="w-64"
          />
          <Select aria-label="Journal" value={filters.journal} onChange={set("journal")}>
            <option value="">All journals</option>
            {journals.data?.map((j) => (
              <option key={j.journal} value={j.journal}>
                {j.journal || "(no journal)"} · {j.articles}
              </option>
            ))}
          </Select>
          <Select aria-label="Mentions" value={filters.hasMentions} onChange={set("hasMentions")}>
            <option value="">Any mentions</option>
            <option value="yes">Has in-text mentions</option>
            <option value="no">No mentions</option>
          </Select>
          <Select aria-label="Label state" value={filters.labelState} onChange={set("labelState")}>
            <option value="">Labelled or not</option>
            <option value="labelled">Labelled</option>
            <option value="unlabelled">Not labelled yet</option>
          </Select>
          <Select aria-label="Image" value={filters.image} onChange={set("image")}>
            <option value="">Any image state</option>
            <option value="present">Image present</option>
            <option value="missing">Caption only</option>
          </Select>
          {filters.articleId && (
            <button
              className="flex h-9 max-w-72 items-center gap-2 rounded-md border border-accent/50 bg-accent/10 px-3 text-sm"
              onClick={() => changeFilters({ articleId: "" })}
              aria-label="Clear article filter"
            >
              <span className="truncate">Article: {articleName}</span> ✕
            </button>
          )}
          <span className="ml-auto text-sm text-muted" data-testid="figure-count">
            {total === undefined ? "…" : `${total.toLocaleString()} ${total === 1 ? "figure" : "figures"}`}
          </span>
        </div>
        <div className="min-h-0 flex-1">
          {pages.error && <p className="p-4 text-bad">{pages.error.message}</p>}
          {!pages.isLoading && items.length === 0 && !pages.error && (
            <p className="p-8 text-center text-muted">No figures match. Clear the filters, or import figures on the Imports page.</p>
          )}
          <FigureGrid
            items={items}
            selected={selected}
            onSelect={setSelected}
            onOpen={(i) => {
              setSelected(i);
              setDetailOpen(true);
            }}
            onNearEnd={onNearEnd}
          />
        </div>
        <p className="border-t border-line px-4 py-1.5 text-xs text-muted">
          Arrow keys move · Enter opens · Esc closes · double-click opens
        </p>
      </div>
      {openId !== null && (
        <FigureDetailPanel
          id={openId}
          onClose={() => setDetailOpen(false)}
          onShowArticle={(a) => {
            setArticleName(a.title || a.handle);
            changeFilters({ articleId: String(a.id) });
          }}
        />
      )}
    </div>
  );
}
