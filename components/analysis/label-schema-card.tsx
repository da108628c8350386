"use client";
// A project's labels (value, name, key) edited by curators and admins.
//
// Why here, on the Analysis page, and not in the admin project list
// (components/admin/project-admin.tsx): that list is for admins only, while a
// project's labelling is run by its curators, who set the overlap and the
// task eligibility rules in the card beside this one. Those rules name label
// values, so the labels are edited next to them, and an edit updates them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type ComponentProps } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import type { LabelDef } from "@/components/label/types";
import { api } from "@/lib/client/api";
import { MAX_LABELS, MAX_LABEL_VALUE, RESERVED_KEYS, labelSchemaProblems } from "@/lib/projects/label-schema";

type Row = { id: string; from?: number; value: string; name: string; key: string; description: string };
type Use = { value: number; figures: number; labels: number; adjudications: number };
type Saved = { labels: LabelDef[]; moved: { from: number; to: number; labels: number; adjudications: number }[] };

const rowsOf = (labels: LabelDef[]): Row[] =>
  labels.map((l) => ({ id: `v${l.value}`, from: l.value, value: String(l.value), name: l.name, key: l.key, description: l.description }));
const figuresText = (n: number) => `${n} figure${n === 1 ? "" : "s"}`;
const reserved = Object.keys(RESERVED_KEYS)
  .map((k) => (k === " " ? "space" : k))
  .join(" ");

export function LabelSchemaCard({ projectId, labels, canEdit }: { projectId: number; labels: LabelDef[]; canEdit: boolean }) {
  const router = useRouter();
  const qc = useQueryClient();
  const use = useQuery({
    queryKey: ["label-schema", projectId],
    queryFn: () => api<{ use: Use[] }>(`/api/projects/${projectId}/label-schema`),
  });
  const [rows, setRows] = useState<Row[]>(() => rowsOf(labels));
  const [moves, setMoves] = useState<Record<number, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  // The page re-renders with the saved labels (router.refresh): start again from them.
  const labelsKey = JSON.stringify(labels);
  const [shown, setShown] = useState(labelsKey);
  if (shown !== labelsKey) {
    setShown(labelsKey);
    setRows(rowsOf(labels));
    setMoves({});
  }

  const parsed = rows.map((r) => ({ value: r.value.trim() === "" ? NaN : Number(r.value), name: r.name, key: r.key }));
  const problems = labelSchemaProblems(parsed);
  const problem = (i: number, field: "value" | "name" | "key") => problems.find((p) => p.index === i && p.field === field)?.message;
  const usageOf = (v: number | undefined) => (v === undefined ? undefined : use.data?.use.find((u) => u.value === v));
  const removed = labels.filter((l) => !rows.some((r) => r.from === l.value));
  const needMove = removed.filter((l) => (usageOf(l.value)?.figures ?? 0) > 0);
  const targets = rows.filter((r, i) => r.name.trim() && !problem(i, "value"));
  const dirty = JSON.stringify(rows) !== JSON.stringify(rowsOf(labels));
  const blocked = problems.length > 0 || rows.length < 2 || needMove.some((l) => !targets.some((t) => t.value === moves[l.value]));

  const save = useMutation({
    mutationFn: () =>
      api<Saved>(`/api/projects/${projectId}/label-schema`, {
        method: "PUT",
        json: {
          labels: rows.map((r) => ({ from: r.from, value: Number(r.value), name: r.name, key: r.key, description: r.description })),
          moves: needMove.map((l) => ({ from: l.value, to: Number(moves[l.value]) })),
        },
      }),
    onSuccess: (r) => {
      const moved = r.moved.map((m) => `${figuresText(m.labels + m.adjudications)} moved from ${m.from} to ${m.to}`).join("; ");
      setMessage(`Labels saved${moved ? `; ${moved}` : ""}.`);
      void qc.invalidateQueries({ queryKey: ["label-schema", projectId] });
      void qc.invalidateQueries({ queryKey: ["eligibility", projectId] });
      router.refresh();
    },
    onError: () => setMessage(null),
  });

  const edit = (i: number, change: Partial<Row>) => {
    setMessage(null);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...change } : r)));
  };
  const add = () => {
    const used = new Set(parsed.map((p) => p.value));
    let value = 0;
    while (used.has(value)) value++;
    setRows((rs) => [...rs, { id: crypto.randomUUID(), value: String(value), name: "", key: "", description: "" }]);
  };
  const input = (i: number, field: "value" | "key" | "name" | "description", props: ComponentProps<typeof Input>) => (
    <Input
      aria-label={`${field[0]!.toUpperCase()}${field.slice(1)} of label ${i + 1}`}
      aria-invalid={field !== "description" && Boolean(problem(i, field))}
      value={rows[i]![field]}
      disabled={!canEdit}
      onChange={(e) => edit(i, { [field]: e.target.value })}
      {...props}
    />
  );
  const keep = (l: LabelDef) => setRows((rs) => [...rs, ...rowsOf([l])]);

  return (
    <Card className="space-y-3" data-testid="label-schema">
      <h2 className="font-semibold">Labels</h2>
      <p className="text-xs text-muted">
        Each label is a value and the key that gives it. The labeler keeps {reserved} (and Backspace) for itself; 0 also resets the zoom, but a label on 0
        comes first. The filter model learns keep = {"{2}"} and keep = {"{1, 2}"} from values 2, 1 and 0; figures with other values are left out of it.
        A label whose value changes takes its figures along.
      </p>
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-muted">
            <th className="w-20 pb-1 font-medium">Value</th>
            <th className="w-16 pb-1 font-medium">Key</th>
            <th className="pb-1 font-medium">Name</th>
            <th className="pb-1 font-medium">Description</th>
            <th className="w-28 pb-1 font-medium">Carried by</th>
            <th className="w-20" />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const errors = (["value", "key", "name"] as const).map((f) => problem(i, f)).filter(Boolean);
            const carried = usageOf(r.from);
            return (
              <tr key={r.id} className="align-top" data-testid={`label-row-${i}`}>
                <td className="py-1 pr-2">{input(i, "value", { type: "number", min: 0, max: MAX_LABEL_VALUE, step: 1, className: "w-20" })}</td>
                <td className="py-1 pr-2">{input(i, "key", { className: "w-14 text-center font-mono" })}</td>
                <td className="py-1 pr-2">
                  {input(i, "name", { className: "w-full" })}
                  {errors.map((m) => (
                    <p key={m} className="mt-1 text-xs text-bad" role="alert">
                      {m}
                    </p>
                  ))}
                </td>
                <td className="py-1 pr-2">{input(i, "description", { className: "w-full" })}</td>
                <td className="py-1 pr-2 text-xs text-muted" data-testid={`label-use-${i}`}>
                  {r.from === undefined ? "new" : carried ? figuresText(carried.figures) : "no figures"}
                  {carried && String(r.from) !== r.value.trim() && <span className="block text-warn">they follow it to {r.value}</span>}
                </td>
                <td className="py-1">
                  {canEdit && (
                    <Button variant="ghost" size="sm" disabled={rows.length <= 2} onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>
                      Remove
                    </Button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {needMove.map((l) => (
        <div key={l.value} className="flex flex-wrap items-center gap-2 rounded border border-warn/50 p-2 text-sm" data-testid={`label-move-${l.value}`}>
          <span>
            “{l.name}” (value {l.value}) is on {figuresText(usageOf(l.value)!.figures)}. Move them to
          </span>
          <Select aria-label={`Move the figures of ${l.name} to`} value={moves[l.value] ?? ""} onChange={(e) => setMoves((m) => ({ ...m, [l.value]: e.target.value }))}>
            <option value="">choose a label…</option>
            {targets.map((t) => (
              <option key={t.id} value={t.value}>
                {t.name} ({t.value})
              </option>
            ))}
          </Select>
          <span className="text-muted">or</span>
          <Button variant="secondary" size="sm" onClick={() => keep(l)}>
            Keep “{l.name}”
          </Button>
        </div>
      ))}
      {canEdit && (
        <div className="flex items-center gap-2">
          <Button onClick={() => save.mutate()} disabled={!dirty || blocked || save.isPending}>
            Save labels
          </Button>
          <Button variant="secondary" onClick={add} disabled={rows.length >= MAX_LABELS}>
            Add label
          </Button>
          {dirty && (
            <Button
              variant="ghost"
              onClick={() => {
                setRows(rowsOf(labels));
                setMoves({});
              }}
            >
              Discard changes
            </Button>
          )}
          {message && (
            <span className="text-sm text-ok" data-testid="label-schema-saved">
              {message}
            </span>
          )}
        </div>
      )}
      {save.error && <p className="text-sm text-bad">{save.error.message}</p>}
    </Card>
  );
}
