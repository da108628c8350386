import { ConflictsView } from "@/components/label/conflicts-view";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { labelSchemaSchema } from "@/lib/projects/label-schema";
import { listProjects } from "@/lib/projects/service";

export default async function ConflictsPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const user = await requirePageRole("curator", "/label/conflicts");
  const projects = await listProjects();
  const wanted = Number((await searchParams).project);
  const project = projects.find((p) => p.id === wanted) ?? projects[0];
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        {project ? (
          <ConflictsView projectId={project.id} labels={labelSchemaSchema.parse(project.labelSchema).labels} />
        ) : (
          <p className="p-8 text-muted">No projects yet.</p>
        )}
      </div>
    </PageFrame>
  );
}
