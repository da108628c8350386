import { ProjectAdmin } from "@/components/admin/project-admin";
import { UserAdmin } from "@/components/admin/user-admin";
import { ProviderAdmin } from "@/components/generation/provider-admin";
import { PageFrame } from "@/components/shell/page-frame";
import { requirePageRole } from "@/lib/auth/page-guard";

export default async function AdminPage() {
  const user = await requirePageRole("admin", "/admin");
  return (
    <PageFrame user={user}>
      <div className="h-full overflow-auto">
        <div className="mx-auto max-w-5xl space-y-6 p-6">
          <h1 className="text-xl font-semibold">Admin</h1>
          <UserAdmin me={user.id} />
          <ProjectAdmin />
          <ProviderAdmin />
        </div>
      </div>
    </PageFrame>
  );
}
