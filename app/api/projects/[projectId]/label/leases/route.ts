import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { releaseAll } from "@/lib/labels/leases";

/** The labeling page calls this when it closes (sendBeacon), freeing its figures at once. */
export const POST = route({
  role: "clinician",
  params: projectParams,
  handler: async ({ user, audit }) => {
    await releaseAll(db(), user.id);
    audit({ action: "label.release_leases", entity: "label_lease", entityId: user.id });
    return { released: true };
  },
});
