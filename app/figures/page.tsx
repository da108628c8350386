import { FigureLibrary } from "@/components/figures/figure-library";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { pickProject } from "@/lib/projects/service";

export default async function FiguresPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const user = await requirePageRole("clinician", "/figures");
  const { projects, project } = await pickProject(searchParams);
  return (
    <PageFrame user={user}>
      {project ? (
        <FigureLibrary key={project.id} projects={projects} projectId={project.id} />
      ) : (
        <p className="p-8 text-muted">No projects yet. An admin creates one on the Admin page; then import figures.</p>
      )}
    </PageFrame>
  );
}
