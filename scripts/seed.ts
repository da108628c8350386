// Demo seed: three users (one per role), a project, ~300 synthetic figures
// and a small JATS article, imported through the real import code. Safe to
// run again: users and the project are created once, imports skip duplicates.
import path from "node:path";
import { config } from "@/lib/config";
import { createUser, ensureFirstAdmin } from "@/lib/auth/users";
import type { Role } from "@/lib/auth/roles";
import { db, disconnectDb } from "@/lib/db/client";
import { mapLimit } from "@/lib/imports/map-limit";
import { runImport } from "@/lib/imports/run";
import { createProject } from "@/lib/projects/service";
import { makeThumbnail } from "@/lib/storage/image-store";
import { runFeatures } from "@/lib/analysis/features-run";
import { runPca } from "@/lib/analysis/pca-run";
import { builtinExtractor } from "@/lib/features/builtin";
import { generateDemoData } from "./demo-data/generate";

export const demoUsers: { email: string; password: string; name: string; role: Role }[] = [
  { email: "admin@demo.local", password: "demo-admin-pass", name: "Dana Admin", role: "admin" },
  { email: "curator@demo.local", password: "demo-curator-pass", name: "Chris Curator", role: "curator" },
  { email: "clinician@demo.local", password: "demo-clinician-pass", name: "Dr. Kim Clinician", role: "clinician" },
];

export async function seed(): Promise<void> {
  await ensureFirstAdmin(config().firstAdmin);
  for (const u of demoUsers) {
    if (!(await db().user.findUnique({ where: { email: u.email } }))) await createUser(u);
  }
  const admin = await db().user.findUniqueOrThrow({ where: { email: demoUsers[0]!.email } });
  const project =
    (await db().project.findUnique({ where: { slug: "demo" } })) ??
    (await createProject(
      { name: "Neurosurgery demo (synthetic)", slug: "demo", description: "Synthetic figures made by the demo seed; not real patients or papers." },
      admin.id,
    ));
  if ((await db().figure.count({ where: { projectId: project.id } })) === 0) {
    const out = await generateDemoData(path.join(config().dataDir, "demo"));
    for (const source of [out.recordsDir, out.jatsArchive]) {
      const imp = await db().import.create({
        data: { projectId: project.id, status: "queued", source, fileName: path.basename(source), createdById: admin.id },
      });
      await runImport(db(), imp.id, {
        onNewImages: async (hashes) => void (await mapLimit(hashes, 2, (h) => makeThumbnail(h))),
      });
      const done = await db().import.findUniqueOrThrow({ where: { id: imp.id } });
      console.log(`  import ${path.basename(source)}: ${done.status} — ${done.message}`);
    }
  }
  // Features and PCA up front, so the demo's labeling opens in PC1 order.
  if (!(await db().analysisRun.findFirst({ where: { projectId: project.id, kind: "pca" } }))) {
    const features = await db().analysisRun.create({ data: { projectId: project.id, kind: "features", extractor: "pending" } });
    await runFeatures(db(), features.id, builtinExtractor);
    const pca = await db().analysisRun.create({ data: { projectId: project.id, kind: "pca", extractor: builtinExtractor.id } });
    await runPca(db(), pca.id);
    console.log("  features (built-in extractor) and PCA computed");
  }
  const fakeUrl = config().demoFakeProviderUrl;
  if (fakeUrl) {
    // Opt-in (npm run demo -- --fake-provider): two providers that answer with
    // synthetic text and fail now and then, to show generation end to end.
    const common = { apiKeyEnv: "DEMO_FAKE_PROVIDER_KEY", requestsPerMinute: 120, inputPricePerMTok: 2.5, outputPricePerMTok: 10, concurrency: 8 };
    for (const p of [
      { name: "Fake GPT (demo, synthetic answers)", kind: "openai" as const, baseUrl: `${fakeUrl}/v1`, model: "fake-gpt", tokensPerMinute: 400_000 },
      { name: "Fake Claude (demo, synthetic answers)", kind: "anthropic" as const, baseUrl: fakeUrl, model: "fake-claude", inputTokensPerMinute: 200_000, outputTokensPerMinute: 80_000 },
    ]) {
      await db().provider.upsert({ where: { name: p.name }, update: { baseUrl: p.baseUrl }, create: { ...common, ...p } });
    }
    console.log(`  fake providers registered (${fakeUrl}); they are not real models`);
  }
  const figures = await db().figure.count({ where: { projectId: project.id } });
  console.log(`\nDemo project "${project.name}": ${figures} figures.\nLogins:`);
  for (const u of demoUsers) console.log(`  ${u.role.padEnd(9)} ${u.email}  /  ${u.password}`);
  if (config().firstAdmin) console.log(`  admin     ${config().firstAdmin!.email}  (from ADMIN_EMAIL)`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await seed();
  await disconnectDb();
}
