import { FigureLibrary } from "@/components/figures/figure-library";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { listProjects } from "@/lib/projects/service";

export default async function FiguresPage({ searchParams }: { searchParams: Promise<{ project?: string }> }) {
  const user = await requirePageRole("clinician", "/figures");
  const projects = await listProjects();
  const wanted = Number((await searchParams).project);
  const project = projects.find((p) => p.id === wanted) ?? projects[0];
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
