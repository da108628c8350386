// A curator uploads a figure-record archive and a PMC OA package in the
// browser, watches the progress bars, and finds the figures in the library
// with their captions and in-text mentions.
import path from "node:path";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData, type DemoResult } from "../../scripts/demo-data/generate";
import { corruptPngData, image, record, recordsFolder, tarGz } from "../imports/make-input";
import { launch, signInAs } from "./browser";

let browser: Browser;
let data: DemoResult;
let projectId: number;

beforeAll(async () => {
  browser = await launch();
  // A different seed from the demo's, so these are new figures, not duplicates.
  data = await generateDemoData(mkdtempSync(path.join(tmpdir(), "e2e-input-")), { figures: 24, seed: 77 });
  const admin = await signInAs(browser, "admin");
  const res = await admin.request.post("/api/projects", { data: { name: `E2E import ${Date.now()}` } });
  expect(res.status()).toBe(201);
  projectId = ((await res.json()) as { id: number }).id;
  await admin.context().close();
});
afterAll(() => browser.close());

async function upload(page: Page, file: string, project = projectId) {
  await page.goto("/imports");
  await page.getByLabel("Project").selectOption(String(project));
  const rows = page.locator('[data-testid^="import-"][data-status]');
  await page.waitForLoadState("networkidle");
  const before = await rows.count();
  await page.getByTestId("file-input").setInputFiles(file);
  // The newest import is listed first; wait for it to appear and finish.
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(before + 1);
  const row = rows.first();
  await row.locator('[data-testid="import-status"]').filter({ hasText: /succeeded|partial|failed/ }).waitFor({ timeout: 60_000 });
  return row;
}

describe("import in the browser, browse in the library", () => {
  it("imports a JSONL + images archive and a JATS package with a progress bar", async () => {
    const page = await signInAs(browser, "curator");
    const records = await upload(page, data.recordsArchive);
    await expect(records.getAttribute("data-status")).resolves.toBe("succeeded");
    await expect(records.getByTestId("import-message").textContent()).resolves.toContain("24 imported");
    await expect(records.getByRole("progressbar").getAttribute("aria-valuenow")).resolves.toBe("24");

    const jats = await upload(page, data.jatsArchive);
    await expect(jats.getAttribute("data-status")).resolves.toBe("succeeded");
    // Figure 5's image is absent from the package on purpose: caption-only, flagged.
    await expect(jats.getByTestId("import-message").textContent()).resolves.toMatch(/5 imported.*1 caption-only/);
  });

  it("finds the figures in the library with caption and mentions", async () => {
    const page = await signInAs(browser, "clinician");
    await page.goto(`/figures?project=${projectId}`);
    await expect.poll(() => page.getByTestId("figure-count").textContent()).toBe("29 figures");

    await page.getByLabel("Search captions").fill("PMC0000001");
    await page.getByLabel("Search captions").fill("");
    await page.getByLabel("Journal").selectOption({ index: 1 });
    await page.getByLabel("Journal").selectOption("");

    // Keyboard: focus the grid, move right, open with Enter.
    await page.getByTestId("figure-grid").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const detail = page.getByTestId("figure-detail");
    await detail.waitFor();
    await expect(detail.getByTestId("detail-caption").textContent()).resolves.toContain("[synthetic demo figure]");
    await page.keyboard.press("Escape");
    await detail.waitFor({ state: "detached" });

    // The JATS article: figure 2 is cited by a multi-rid xref.
    await page.getByLabel("Mentions").selectOption("yes");
    await page.getByLabel("Search captions").fill("synthetic");
    await page.waitForTimeout(400);
    const tiles = page.locator("[data-figure-id]");
    await tiles.first().waitFor();
    await tiles.first().dblclick();
    await detail.waitFor();
    await detail.getByTestId("detail-mentions").locator("li").first().waitFor();
  });

  it("shows a caption-only figure as flagged", async () => {
    const page = await signInAs(browser, "clinician");
    await page.goto(`/figures?project=${projectId}`);
    await page.getByLabel("Image").selectOption("missing");
    await expect.poll(() => page.getByTestId("figure-count").textContent()).toBe("1 figure");
    await page.locator("[data-figure-id]").first().dblclick();
    await page.getByTestId("figure-detail").getByText(/Imported caption-only/).waitFor();
    // From the detail panel to every figure of its article (the JATS article has five).
    await page.getByRole("button", { name: "All figures of this article" }).click();
    await page.getByLabel("Image").selectOption("");
    await expect.poll(() => page.getByTestId("figure-count").textContent()).toBe("5 figures");
  });

  it("lists an image whose data is corrupt once the thumbnail job has decoded it, and shows its figure caption-only", async () => {
    const admin = await signInAs(browser, "admin");
    const res = await admin.request.post("/api/projects", { data: { name: `E2E corrupt ${Date.now()}` } });
    const project = ((await res.json()) as { id: number }).id;
    await admin.context().close();
    // Header, chunk CRCs and trailer valid: the import takes it; only the full decode can tell.
    const dir = await recordsFolder([record(1), record(2)], { "images/fig-1.png": await image(1), "images/fig-2.png": corruptPngData(await image(2)) });
    const page = await signInAs(browser, "curator");
    const row = await upload(page, tarGz(dir), project);
    await expect(row.getAttribute("data-status")).resolves.toBe("succeeded");
    // The panel polls until the import ends; the thumbnail job may finish after it, so look again.
    await expect
      .poll(async () => {
        await page.goto("/imports");
        await page.getByLabel("Project").selectOption(String(project));
        return page.getByTestId("import-unreadable").textContent({ timeout: 2_000 }).catch(() => "");
      }, { timeout: 40_000, interval: 1_000 })
      .toMatch(/images\/fig-2\.png.*fig-2.*data is corrupt/);

    await page.goto(`/figures?project=${project}`);
    await page.getByLabel("Image").selectOption("missing");
    await expect.poll(() => page.getByTestId("figure-count").textContent()).toBe("1 figure");
    await page.locator("[data-figure-id]").first().dblclick();
    await expect(page.getByTestId("detail-no-image").textContent()).resolves.toMatch(/fig-2\.png.*data is corrupt/);
    await page.getByTestId("figure-detail").getByText("image unreadable").waitFor();
  });
});
