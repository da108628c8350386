"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { api } from "@/lib/client/api";

type Project = { id: number; slug: string; name: string; description: string; figureCount: number };

export function ProjectAdmin() {
  const qc = useQueryClient();
  const projects = useQuery({ queryKey: ["projects"], queryFn: () => api<Project[]>("/api/projects") });
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: { name: string; description: string }) => api<Project>("/api/projects", { method: "POST", json: body }),
    onSuccess: () => {
      setError(null);
      void qc.invalidateQueries({ queryKey: ["projects"] });
    },
    onError: (e) => setError(e.message),
  });
  return (
    <Card>
      <h2 className="mb-4 text-lg font-semibold">Projects</h2>
      <form
        className="mb-4 grid grid-cols-[1fr_2fr_auto] items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          create.mutate({ name: String(f.get("name")), description: String(f.get("description")) });
          e.currentTarget.reset();
        }}
      >
        <Label>
          Name
          <Input name="name" required minLength={2} />
        </Label>
        <Label>
          Description
          <Input name="description" />
        </Label>
        <Button type="submit">Create project</Button>
      </form>
      {error && <p className="mb-3 text-sm text-bad">{error}</p>}
      <ul className="divide-y divide-line text-sm">
        {projects.data?.map((p) => (
          <li key={p.id} className="flex justify-between py-2">
            <span>
              {p.name} <span className="text-muted">/{p.slug}</span>
            </span>
            <span className="text-muted">{p.figureCount.toLocaleString()} figures</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
