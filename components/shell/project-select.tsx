"use client";
import { Select } from "@/components/ui/input";

/** The project switcher every project-scoped page shows in its header. */
export function ProjectSelect({
  projects,
  value,
  onChange,
  className = "ml-auto",
}: {
  projects: { id: number; name: string }[];
  value: number;
  onChange: (id: number) => void;
  className?: string;
}) {
  return (
    <Select aria-label="Project" className={className} value={value} onChange={(e) => onChange(Number(e.target.value))}>
      {projects.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </Select>
  );
}
