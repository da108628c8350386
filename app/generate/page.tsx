import { GenerateView } from "@/components/generation/generate-view";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { listProjects } from "@/lib/projects/service";

export default async function GeneratePage() {
  const user = await requirePageRole("curator", "/generate");
  const projects = await listProjects();
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        {projects.length === 0 ? (
          <p className="p-8 text-muted">No projects yet.</p>
        ) : (
          <GenerateView projects={projects.map((p) => ({ id: p.id, name: p.name }))} isAdmin={user.role === "admin"} />
        )}
      </div>
    </PageFrame>
  );
}
