"use client";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api } from "@/lib/client/api";
import type { FigureDetail, FigurePage, Filters } from "./types";

// About three screens of tiles at 1400×900 (~30 on screen). The grid asks
// for the next page while the last loaded row is still four rows away, so a
// larger screen just fetches a second page at once, and a first page of 100
// costs the server less than one of 300 (B2 in docs/benchmarks.md).
const PAGE = 100;

export function useFigurePages(projectId: number, f: Filters) {
  return useInfiniteQuery({
    queryKey: ["figures", projectId, f],
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: String(PAGE) });
      if (pageParam) q.set("after", String(pageParam));
      for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
      return api<FigurePage>(`/api/projects/${projectId}/figures?${q}`, { signal });
    },
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function useFigure(id: number | null) {
  return useQuery({
    queryKey: ["figure", id],
    enabled: id !== null,
    queryFn: ({ signal }) => api<FigureDetail>(`/api/figures/${id}`, { signal }),
  });
}

export function useJournals(projectId: number) {
  return useQuery({
    queryKey: ["journals", projectId],
    queryFn: () => api<{ journal: string; articles: number }[]>(`/api/projects/${projectId}/journals`),
  });
}
