// Clinicians label by keyboard: 20 figures, undo, grid bulk labels, and two
// clinicians in two browsers never see the same figure at the same time.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

const stageId = (page: Page) => page.getByTestId("label-stage").getAttribute("data-figure-id");

async function openLabeler(page: Page) {
  await page.goto("/label");
  await page.waitForFunction(() => document.querySelector("[data-testid=label-stage]")?.getAttribute("data-figure-id"));
}

describe("labeling", () => {
  it("labels 20 figures by keyboard, undoes two, and every save lands", async () => {
    const page = await signInAs(browser, "clinician");
    await openLabeler(page);
    // The demo seed computed built-in features and PCA: figures come in PC1 order.
    await page.getByTestId("order-source").getByText("Ordered by PC1 of builtin-v1 features").waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = await stageId(page);
      expect(id).toBeTruthy();
      seen.push(id!);
      await page.keyboard.press(["2", "1", "0"][i % 3]!);
      // The next figure is on screen without waiting for the save.
      await page.waitForFunction((prev) => document.querySelector("[data-testid=label-stage]")?.getAttribute("data-figure-id") !== prev, id);
    }
    expect(new Set(seen).size).toBe(20);
    await page.keyboard.press("u");
    await page.keyboard.press("Backspace");
    await expect.poll(() => stageId(page)).toBe(seen[18]);
    await page.getByTestId("save-state").getByText("all saved").waitFor();
    await expect.poll(() => page.getByTestId("progress-mine").textContent(), { timeout: 10_000 }).toBe("18");
  });

  it("labels a shift-selected range in grid mode with one key", async () => {
    const page = await signInAs(browser, "curator");
    await page.goto("/label");
    await page.getByRole("tab", { name: "Grid" }).click();
    const tiles = page.locator("[data-testid=label-grid] [data-figure-id]");
    await tiles.nth(5).waitFor();
    const ids = await Promise.all([0, 1, 2, 3, 4].map((i) => tiles.nth(i).getAttribute("data-figure-id")));
    await tiles.nth(0).click();
    await tiles.nth(4).click({ modifiers: ["Shift"] });
    await expect(page.getByTestId("grid-selected").textContent()).resolves.toBe("5 selected");
    await page.keyboard.press("1");
    await page.getByText("5 labelled Not imaging, interesting.").waitFor();
    for (const id of ids) await expect(page.locator(`[data-testid=label-grid] [data-figure-id="${id}"]`).count()).resolves.toBe(0);
  });

  it("two clinicians in two browsers never get the same figure", async () => {
    const [a, b] = await Promise.all([signInAs(browser, "clinician"), signInAs(browser, "admin")]);
    await Promise.all([openLabeler(a), openLabeler(b)]);
    const seenA = new Set<string>();
    const seenB = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const [x, y] = await Promise.all([stageId(a), stageId(b)]);
      seenA.add(x!);
      seenB.add(y!);
      expect(x).not.toBe(y);
      await Promise.all([a.keyboard.press("2"), b.keyboard.press("0")]);
      await Promise.all([
        a.waitForFunction((p) => document.querySelector("[data-testid=label-stage]")?.getAttribute("data-figure-id") !== p, x),
        b.waitForFunction((p) => document.querySelector("[data-testid=label-stage]")?.getAttribute("data-figure-id") !== p, y),
      ]);
    }
    expect([...seenA].filter((id) => seenB.has(id))).toEqual([]);
  });
});
