import { AnalysisPanel } from "@/components/analysis/analysis-panel";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { labelSchemaSchema } from "@/lib/projects/label-schema";
import { listProjects } from "@/lib/projects/service";

export default async function AnalysisPage() {
  const user = await requirePageRole("clinician", "/analysis");
  const projects = await listProjects();
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        {projects.length === 0 ? (
          <p className="p-8 text-muted">No projects yet.</p>
        ) : (
          <AnalysisPanel
            projects={projects.map((p) => ({ id: p.id, name: p.name, labels: labelSchemaSchema.parse(p.labelSchema).labels }))}
            canRun={hasRole(user.role, "curator")}
          />
        )}
      </div>
    </PageFrame>
  );
}
