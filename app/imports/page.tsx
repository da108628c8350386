import { ImportPanel } from "@/components/imports/import-panel";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { listProjects } from "@/lib/projects/service";

export default async function ImportsPage() {
  const user = await requirePageRole("curator", "/imports");
  const projects = await listProjects();
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        {projects.length === 0 ? (
          <p className="p-8 text-muted">No projects yet. An admin creates one on the Admin page.</p>
        ) : (
          <ImportPanel projects={projects.map(({ id, name }) => ({ id, name }))} canUseServerPath={hasRole(user.role, "admin")} />
        )}
      </div>
    </PageFrame>
  );
}
