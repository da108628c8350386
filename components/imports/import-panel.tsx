"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Progress } from "@/components/ui/progress";
import { api } from "@/lib/client/api";
import { cn } from "@/lib/client/cn";
import { ImportStatus } from "./import-status";
import type { ImportRow } from "./types";
import { uploadFiles } from "./upload";
import { ProjectSelect } from "@/components/shell/project-select";

type Project = { id: number; name: string };

export function ImportPanel({ projects, canUseServerPath }: { projects: Project[]; canUseServerPath: boolean }) {
  const qc = useQueryClient();
  const [projectId, setProjectId] = useState(projects[0]?.id ?? 0);
  const [over, setOver] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [serverPath, setServerPath] = useState("");

  const imports = useQuery({
    queryKey: ["imports", projectId],
    enabled: projectId > 0,
    queryFn: () => api<ImportRow[]>(`/api/projects/${projectId}/imports`),
  });

  const upload = useMutation({
    mutationFn: (files: File[]) => uploadFiles(projectId, files, setSent),
    onMutate: () => {
      setError(null);
      setSent(0);
    },
    onError: (e) => setError(e.message),
    onSettled: () => {
      setSent(null);
      void qc.invalidateQueries({ queryKey: ["imports", projectId] });
    },
  });

  const fromPath = useMutation({
    mutationFn: () => api<ImportRow>(`/api/projects/${projectId}/imports/server-path`, { method: "POST", json: { path: serverPath } }),
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["imports", projectId] }),
  });

  const pick = (list: FileList | null) => list && list.length > 0 && upload.mutate([...list]);

  return (
    <div className="mx-auto max-w-4xl space-y-6 p-6">
      <div className="flex items-end gap-3">
        <h1 className="text-xl font-semibold">Imports</h1>
        <ProjectSelect projects={projects} value={projectId} onChange={setProjectId} />
      </div>
      <Card>
        <label
          data-testid="dropzone"
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            pick(e.dataTransfer.files);
          }}
          className={cn(
            "flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed border-line p-10 text-center",
            over && "border-accent bg-accent/5",
          )}
        >
          <span className="font-medium">Drop files here, or click to choose</span>
          <span className="max-w-xl text-sm text-muted">
            Figure records (.jsonl / .json) with their images as .zip or .tar.gz · PubMed Central OA packages (.tar.gz) or .nxml
            files · caption sets (.jsonl of image + caption). Several files at once become one import.
          </span>
          <input type="file" multiple className="sr-only" data-testid="file-input" onChange={(e) => pick(e.target.files)} />
        </label>
        {sent !== null && (
          <div className="mt-4 space-y-1">
            <p className="text-sm text-muted">Uploading… {Math.round(sent * 100)}%</p>
            <Progress value={sent} max={1} label="Upload progress" />
          </div>
        )}
        {canUseServerPath && (
          <form
            className="mt-5 flex gap-2 border-t border-line pt-4"
            onSubmit={(e) => {
              e.preventDefault();
              fromPath.mutate();
            }}
          >
            <Input
              aria-label="Server path"
              placeholder="/data/pmc/oa_package_batch_01 (admin: a folder or archive on the server)"
              value={serverPath}
              onChange={(e) => setServerPath(e.target.value)}
              className="flex-1"
            />
            <Button type="submit" variant="secondary" disabled={!serverPath || fromPath.isPending}>
              Import from server path
            </Button>
          </form>
        )}
        {error && (
          <p role="alert" className="mt-3 text-sm text-bad">
            {error}
          </p>
        )}
      </Card>
      <div className="space-y-3">
        {imports.data?.length === 0 && <p className="text-sm text-muted">No imports in this project yet.</p>}
        {imports.data?.map((imp) => (
          <Card key={imp.id} className="p-4">
            <ImportStatus id={imp.id} initial={imp} />
          </Card>
        ))}
      </div>
    </div>
  );
}
