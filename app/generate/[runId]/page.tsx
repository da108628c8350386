import { RunView } from "@/components/generation/run-view";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  const user = await requirePageRole("curator", `/generate/${runId}`);
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        <RunView runId={Number(runId)} />
      </div>
    </PageFrame>
  );
}
