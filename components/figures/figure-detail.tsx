"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/card";
import { api } from "@/lib/client/api";
import { useFigure } from "./use-figures";
import { ZoomableImage } from "./zoomable-image";

type Props = { id: number; onClose: () => void; onShowArticle: (article: { id: number; title: string; handle: string }) => void };

export function FigureDetailPanel({ id, onClose, onShowArticle }: Props) {
  const { data: f, error, isLoading } = useFigure(id);
  const history = useQuery({
    queryKey: ["label-history", id],
    queryFn: () => api<{ at: string; value: number | null; name: string; email: string }[]>(`/api/figures/${id}/labels`),
  });
  return (
    <aside className="flex h-full w-[560px] shrink-0 flex-col border-l border-line bg-panel" data-testid="figure-detail" aria-label="Figure detail">
      <div className="flex items-center justify-between border-b border-line px-4 py-2">
        <h2 className="truncate text-sm font-semibold">{f ? `${f.figLabel || f.customId}` : "Figure"}</h2>
        <button onClick={onClose} className="text-muted hover:text-fg" aria-label="Close detail (Esc)">
          ✕
        </button>
      </div>
      {isLoading && <p className="p-4 text-sm text-muted">Loading…</p>}
      {error && <p className="p-4 text-sm text-bad">{error.message}</p>}
      {f && (
        <div className="flex min-h-0 flex-1 flex-col">
          <div className="h-[45%] shrink-0">
            {f.imageHash ? (
              <ZoomableImage src={`/api/figures/${f.id}/image`} alt={f.figLabel} />
            ) : (
              <div className="flex h-full items-center justify-center bg-black p-6 text-center text-sm text-warn" data-testid="detail-no-image">
                {f.imageError
                  ? `${f.imageName ? `“${f.imageName}”: ` : ""}${f.imageError}`
                  : `Imported caption-only: the image ${f.imageName ? `“${f.imageName}” ` : ""}was not in the upload. Re-import with the image to add it.`}
              </div>
            )}
          </div>
          <div className="min-h-0 flex-1 space-y-4 overflow-auto p-4 text-sm">
            <div className="flex flex-wrap gap-1.5">
              <Badge>{f.customId}</Badge>
              {f.width && <Badge>{`${f.width}×${f.height}`}</Badge>}
              {f.page !== null && <Badge>page {f.page}</Badge>}
              {f.imageMissing && <Badge tone="warn">{f.imageError ? "image unreadable" : "image missing"}</Badge>}
              {f.synthetic && <Badge tone="accent">synthetic demo</Badge>}
            </div>
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Caption</h3>
              <p data-testid="detail-caption" className="leading-relaxed">
                {f.caption || <span className="text-muted">No caption</span>}
              </p>
            </section>
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">In-text mentions ({f.mentions.length})</h3>
              {f.mentions.length === 0 && <p className="text-muted">The article body does not cite this figure.</p>}
              <ul className="space-y-2" data-testid="detail-mentions">
                {f.mentions.map((m, i) => (
                  <li key={i} className="rounded border border-line bg-panel-2 p-2 leading-relaxed">
                    {m}
                  </li>
                ))}
              </ul>
            </section>
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Label history</h3>
              {history.data?.length === 0 && <p className="text-muted">Not labelled yet.</p>}
              <ul className="space-y-0.5 text-xs" data-testid="label-history">
                {history.data?.map((h, i) => (
                  <li key={i}>
                    <span className="text-muted">{new Date(h.at).toLocaleString()}</span> · {h.name} ·{" "}
                    {h.value === null ? <i>undone</i> : <b>{h.value}</b>}
                  </li>
                ))}
              </ul>
            </section>
            <section>
              <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">Article</h3>
              <p className="font-medium">{f.article.title || f.article.handle}</p>
              <p className="text-muted">
                {[f.article.journal, f.article.year].filter(Boolean).join(" · ")}
                {f.article.pmcid && ` · ${f.article.pmcid}`}
              </p>
              <button className="mr-3 text-accent" onClick={() => onShowArticle(f.article)}>
                All figures of this article
              </button>
              {f.article.doi && (
                <a className="text-accent" href={`https://doi.org/${f.article.doi}`} target="_blank" rel="noreferrer">
                  doi:{f.article.doi}
                </a>
              )}
            </section>
          </div>
        </div>
      )}
    </aside>
  );
}
