import { PromptEditor } from "@/components/generation/prompt-editor";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { pickProject } from "@/lib/projects/service";

export default async function PromptsPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const user = await requirePageRole("curator", "/generate/prompts");
  const { project, projects } = await pickProject(searchParams);
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        {project ? <PromptEditor projectId={project.id} projects={projects.map((p) => ({ id: p.id, name: p.name }))} /> : <p className="p-8 text-muted">No projects yet.</p>}
      </div>
    </PageFrame>
  );
}
