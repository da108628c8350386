import { LabelWorkspace } from "@/components/label/label-workspace";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { labelSchemaSchema } from "@/lib/projects/label-schema";
import { pickProject } from "@/lib/projects/service";

export default async function LabelPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const user = await requirePageRole("clinician", "/label");
  const { projects, project } = await pickProject(searchParams);
  return (
    <PageFrame user={user}>
      {project ? (
        <LabelWorkspace
          key={project.id}
          projects={projects.map(({ id, name }) => ({ id, name }))}
          projectId={project.id}
          labels={labelSchemaSchema.parse(project.labelSchema).labels}
        />
      ) : (
        <p className="p-8 text-muted">No projects yet.</p>
      )}
    </PageFrame>
  );
}
