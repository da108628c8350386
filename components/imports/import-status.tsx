"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/card";
import { Progress } from "@/components/ui/progress";
import { api } from "@/lib/client/api";
import { isActive, type ImportRow } from "./types";

const tone = { uploading: "muted", queued: "muted", running: "accent", succeeded: "ok", partial: "warn", failed: "bad" } as const;

export function ImportStatus({ id, initial }: { id: number; initial?: ImportRow }) {
  const { data } = useQuery({
    queryKey: ["import", id],
    queryFn: () => api<ImportRow>(`/api/imports/${id}`),
    initialData: initial,
    initialDataUpdatedAt: 0, // the list has no error details: fetch them once
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data.status) ? false : 700),
  });
  if (!data) return null;
  return (
    <div className="space-y-2" data-testid={`import-${id}`} data-status={data.status}>
      <div className="flex items-center gap-2 text-sm">
        <span className="font-medium">#{data.id}</span>
        <span className="truncate text-muted">{data.fileName}</span>
        {data.kind && <Badge>{data.kind.replace("_", " ")}</Badge>}
        <Badge tone={tone[data.status]} data-testid="import-status">
          {data.status}
        </Badge>
        <span className="ml-auto text-xs text-muted">
          {data.processed.toLocaleString()} / {data.total.toLocaleString()}
        </span>
      </div>
      <Progress value={data.processed} max={data.total || 1} label={`Import ${data.id} progress`} />
      {data.message && <p className="text-xs text-muted" data-testid="import-message">{data.message}</p>}
      {data.errors && data.errors.length > 0 && (
        <IssueList
          summary={`${data.failed.toLocaleString()} records not imported`}
          head={["File", "Line"]}
          testId="import-errors"
          rows={data.errors.slice(0, 500).map((e, i) => ({ key: i, cells: [e.file, e.line ?? ""], reason: e.reason }))}
        />
      )}
      {data.unreadable && data.unreadable.length > 0 && (
        <IssueList
          summary={
            data.unreadable.length === 1
              ? "1 image could not be decoded; its figure is caption-only"
              : `${data.unreadable.length.toLocaleString()} images could not be decoded; their figures are caption-only`
          }
          head={["Image", "Figure"]}
          testId="import-unreadable"
          rows={data.unreadable.map((u) => ({ key: u.figureId, cells: [u.file, u.customId], reason: u.reason }))}
        />
      )}
    </div>
  );
}

/** A folded list of what went wrong, where, and what to do (open when short). */
function IssueList(props: {
  summary: string;
  head: [string, string];
  testId: string;
  rows: { key: number; cells: [string, string | number]; reason: string }[];
}) {
  return (
    <details className="text-xs" open={props.rows.length <= 10}>
      <summary className="cursor-pointer text-warn">{props.summary}</summary>
      <table className="mt-2 w-full text-left">
        <thead className="text-muted">
          <tr>
            <th className="pr-3">{props.head[0]}</th>
            <th className="pr-3">{props.head[1]}</th>
            <th>What to do</th>
          </tr>
        </thead>
        <tbody data-testid={props.testId}>
          {props.rows.map((r) => (
            <tr key={r.key} className="border-t border-line align-top">
              <td className="py-1 pr-3 font-mono">{r.cells[0]}</td>
              <td className="py-1 pr-3">{r.cells[1]}</td>
              <td className="py-1">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
