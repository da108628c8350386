// The Analysis page: a curator extracts features (PCA follows), labels are
// saved through the app's label API, "Train filter model" reports the
// cross-validated accuracy, precision, recall and confusion matrix of both
// keep rules, and the PCA map draws every figure. Then the curator edits the
// label schema and the labeler's key legend (and keys) follow.
//
// It works in a project of its own (40 demo figures imported through the
// import API), not the seeded demo project: the other e2e files share the
// demo project, and a trained model there would make every figure eligible
// for MCQ/DDx by prediction (the generation test expects none), and an edited
// schema would change the keys the labeling test presses.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../../scripts/demo-data/generate";
import { launch, signInAs } from "./browser";

const FIGURES = 40;
const LABELLED = 30; // values 2, 1, 0 in turn: 10 of each
const RUN_TIMEOUT = 90_000;

let browser: Browser;
let curator: Page;
let projectId: number;

beforeAll(async () => {
  browser = await launch();
  const data = await generateDemoData(mkdtempSync(path.join(tmpdir(), "e2e-analysis-")), { figures: FIGURES, seed: 303 });
  const admin = await signInAs(browser, "admin");
  const created = await admin.request.post("/api/projects", { data: { name: `E2E analysis ${Date.now()}` } });
  expect(created.status()).toBe(201);
  projectId = ((await created.json()) as { id: number }).id;
  await admin.context().close();

  // The browser upload's three requests (components/imports/upload.ts), made directly.
  curator = await signInAs(browser, "curator");
  const file = path.basename(data.recordsArchive);
  const begun = await curator.request.post(`/api/projects/${projectId}/imports`, { data: { files: [file] } });
  expect(begun.status()).toBe(201);
  const importId = ((await begun.json()) as { id: number }).id;
  const put = await curator.request.put(`/api/imports/${importId}/files?name=${encodeURIComponent(file)}`, {
    data: readFileSync(data.recordsArchive),
    headers: { "content-type": "application/octet-stream" },
  });
  expect(put.status()).toBe(200);
  expect((await curator.request.post(`/api/imports/${importId}/start`)).status()).toBe(200);
  // (expect.poll works only inside a test; this is setup.)
  const until = Date.now() + 60_000;
  let status = "";
  while (status !== "succeeded" && Date.now() < until) {
    status = ((await (await curator.request.get(`/api/imports/${importId}`)).json()) as { status: string }).status;
    if (status !== "succeeded") await new Promise((r) => setTimeout(r, 500));
  }
  expect(status).toBe("succeeded");
});
afterAll(() => browser.close());

async function openAnalysis(page: Page) {
  await page.goto("/analysis");
  await page.getByLabel("Project", { exact: true }).selectOption(String(projectId));
}

const text = async (page: Page, testId: string, within?: string) =>
  ((await (within ? page.getByTestId(within).getByTestId(testId) : page.getByTestId(testId)).textContent()) ?? "").trim();

describe("analysis", () => {
  it("extracts features with PCA, trains the filter model, shows both keep rules' metrics and the PCA map", async () => {
    await openAnalysis(curator);
    await curator.getByRole("button", { name: "Extract features (then PCA)" }).click();
    await curator.locator('[data-testid="run-features"][data-status="succeeded"]').waitFor({ timeout: RUN_TIMEOUT });
    await curator.locator('[data-testid="run-pca"][data-status="succeeded"]').waitFor({ timeout: RUN_TIMEOUT });
    await expect(text(curator, "filter-model")).resolves.toContain("Not trained yet");

    // Label 30 figures quickly through the app's own label API (the signed-in curator's cookies).
    const list = await curator.request.get(`/api/projects/${projectId}/figures?limit=100`);
    expect(list.status()).toBe(200);
    const ids = ((await list.json()) as { items: { id: number }[] }).items.map((f) => f.id);
    expect(ids).toHaveLength(FIGURES);
    const values = ids.slice(0, LABELLED).map((_, i) => [2, 1, 0][i % 3]!);
    for (let i = 0; i < LABELLED; i += 6) {
      await Promise.all(
        ids.slice(i, Math.min(i + 6, LABELLED)).map(async (id, j) => {
          const r = await curator.request.put(`/api/figures/${id}/label`, { data: { value: values[i + j], requestId: crypto.randomUUID() } });
          expect(r.status(), await r.text()).toBe(200);
        }),
      );
    }

    await curator.getByRole("button", { name: "Train filter model" }).click();
    await curator.locator('[data-testid="run-filter"][data-status="succeeded"]').waitFor({ timeout: RUN_TIMEOUT });
    await curator.getByTestId("accuracy-keep2").waitFor({ timeout: 10_000 });
    await expect(text(curator, "filter-model-summary")).resolves.toMatch(/on builtin-v1 features, 30 labelled figures, cross-validated/);

    const percent = /^(\d{1,3}\.\d%|—)$/; // "—" when a fold predicted no positives (precision 0/0)
    for (const [rule, positives] of [
      ["keep2", 10],
      ["keep12", 20],
    ] as const) {
      expect(await text(curator, `accuracy-${rule}`)).toMatch(/^\d{1,3}\.\d%$/);
      expect(await text(curator, `precision-${rule}`)).toMatch(percent);
      expect(await text(curator, `recall-${rule}`)).toMatch(percent);
      // Every labelled figure is predicted once, in the fold that held it out.
      const cell = async (name: string) => Number(await text(curator, name, `confusion-${rule}`));
      const [tn, fp, fn, tp] = [await cell("tn"), await cell("fp"), await cell("fn"), await cell("tp")];
      expect(tn + fp + fn + tp).toBe(LABELLED);
      expect(fn + tp).toBe(positives);
      await expect(text(curator, `metrics-${rule}`)).resolves.toContain(`${positives} kept of ${LABELLED}`);
    }

    // The map: one point per figure, drawn on the canvas.
    const map = curator.getByTestId("pca-map");
    await map.waitFor();
    await expect.poll(() => map.getAttribute("data-points")).toBe(String(FIGURES));
    const painted = () =>
      map.evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
    await expect.poll(painted).toBeGreaterThanOrEqual(16); // at least one 4×4 point
  });

  it("a curator edits the labels; the labeler's key legend and keys follow", async () => {
    await openAnalysis(curator);
    const schema = curator.getByTestId("label-schema");
    const save = schema.getByRole("button", { name: "Save labels" });
    // How many figures carry each label (Discard, value 0: every third of the 30 labelled).
    await expect.poll(() => schema.getByTestId("label-use-2").textContent()).toBe("10 figures");

    // Removing a label that figures carry asks where they go, with their count.
    await schema.getByTestId("label-row-2").getByRole("button", { name: "Remove" }).click();
    await expect(schema.getByTestId("label-move-0").textContent()).resolves.toContain("“Discard” (value 0) is on 10 figures. Move them to");
    expect(await save.isDisabled()).toBe(true);
    await schema.getByRole("button", { name: "Keep “Discard”" }).click();
    await schema.getByTestId("label-move-0").waitFor({ state: "detached" });

    // A key the labeler keeps for itself is refused, with the reason.
    await schema.getByLabel("Key of label 2", { exact: true }).fill("u");
    await schema.getByRole("alert").filter({ hasText: "“u” is the labeler's undo key; choose another." }).waitFor();
    expect(await save.isDisabled()).toBe(true);

    await schema.getByLabel("Key of label 2", { exact: true }).fill("d");
    await schema.getByLabel("Name of label 2", { exact: true }).fill("Diagram or chart");
    await expect.poll(() => schema.getByRole("alert").count()).toBe(0);
    await save.click();
    await schema.getByTestId("label-schema-saved").filter({ hasText: "Labels saved." }).waitFor();
    // The rest of the page has the new labels too (the eligibility table names them).
    await curator.getByTestId("eligibility").getByText("Diagram or chart").first().waitFor();

    await curator.goto(`/label?project=${projectId}`);
    const legend = curator.getByTestId("key-legend-1");
    await expect(legend.textContent()).resolves.toBe("dDiagram or chart");
    await expect(curator.getByTestId("key-legend-2").textContent()).resolves.toBe("2Imaging");
    await curator.waitForFunction(() => document.querySelector("[data-testid=label-stage]")?.getAttribute("data-figure-id"));
    const first = await curator.getByTestId("label-stage").getAttribute("data-figure-id");
    // "1" no longer labels anything; "d" does.
    await curator.keyboard.press("1");
    await curator.waitForTimeout(300);
    await expect(curator.getByTestId("label-stage").getAttribute("data-figure-id")).resolves.toBe(first);
    await curator.keyboard.press("d");
    await curator.waitForFunction((prev) => document.querySelector("[data-testid=label-stage]")?.getAttribute("data-figure-id") !== prev, first);
    await curator.getByTestId("save-state").getByText("all saved").waitFor();
    // The label saved under "d" is the renamed label's value, 1.
    const history = await curator.request.get(`/api/figures/${first}/labels`);
    expect(history.status()).toBe(200);
    expect(((await history.json()) as { value: number | null }[])[0]?.value).toBe(1);
  });
});
