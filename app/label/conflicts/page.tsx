import { ConflictsView } from "@/components/label/conflicts-view";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { labelSchemaSchema } from "@/lib/projects/label-schema";
import { pickProject } from "@/lib/projects/service";

export default async function ConflictsPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const user = await requirePageRole("curator", "/label/conflicts");
  const { project } = await pickProject(searchParams);
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
