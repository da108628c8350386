// An admin adds a provider (the fake OpenAI, a real HTTP server) with a key
// stored encrypted; a curator starts a pilot run in the UI and watches it
// finish; the key never reaches a browser (API responses, pages, bundles).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { E2E_PROVIDER_KEY } from "./app-server";
import { launch, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

/** Every text response the page receives, to look for the key in. */
function recordResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", async (r) => {
    const type = r.headers()["content-type"] ?? "";
    if (/json|javascript|html|text|x-component/.test(type)) bodies.push(await r.text().catch(() => ""));
  });
  return bodies;
}

describe("generation", () => {
  it("an admin adds a provider; a curator starts a run and watches it finish", async () => {
    const admin = await signInAs(browser, "admin");
    const adminBodies = recordResponses(admin);
    await admin.goto("/admin");
    const card = admin.getByTestId("provider-admin");
    await card.getByRole("button", { name: "Add provider" }).click();
    await card.getByLabel("Name", { exact: true }).fill("Fake GPT");
    await card.getByLabel("Model").fill("gpt-fake");
    await card.getByLabel(/Base URL/).fill(inject("fakeOpenAIUrl"));
    await card.getByLabel(/or API key/).fill(E2E_PROVIDER_KEY);
    await card.getByLabel("Requests / min").fill("600");
    await card.getByLabel("$ per M input tokens").fill("2.5");
    await card.getByLabel("$ per M output tokens").fill("10");
    await card.locator("form").getByRole("button", { name: "Add provider" }).click();
    await card.getByText("key stored (encrypted)").waitFor();

    const curator = await signInAs(browser, "curator");
    const curatorBodies = recordResponses(curator);
    await curator.getByRole("link", { name: "Generate" }).click();
    await curator.waitForURL("**/generate");
    const form = curator.getByTestId("run-form");
    await form.getByLabel("Share for Fake GPT").fill("1");
    await form.getByLabel("Max figures").fill("6");
    // IFT only: it takes every figure, while MCQ and DDx follow labels, which other e2e files add to the demo project.
    await form.getByRole("checkbox", { name: /MCQ/ }).uncheck();
    await form.getByRole("checkbox", { name: /DDx/ }).uncheck();
    await expect.poll(() => curator.getByTestId("estimate").textContent(), { timeout: 20_000 }).toMatch(/^6 requests/);
    await form.getByRole("button", { name: "Start run" }).click();
    await curator.waitForURL(/\/generate\/\d+$/);
    await curator.locator('[data-testid=run-view][data-status="succeeded"]').waitFor({ timeout: 60_000 });
    await expect(curator.getByTestId("run-counts").textContent()).resolves.toContain("6 of 6 answered");
    await expect(curator.getByTestId("run-samples").locator(":scope > li").count()).resolves.toBe(6);
    const spend = await curator.getByTestId("run-spend").textContent();
    expect(Number(/\$([\d.]+)/.exec(spend!)![1])).toBeGreaterThan(0);

    // The key is in no response either browser received: API JSON, pages, RSC payloads, JS bundles.
    await admin.goto("/admin");
    await card.getByText("Fake GPT").waitFor();
    for (const body of [...adminBodies, ...curatorBodies]) expect(body).not.toContain(E2E_PROVIDER_KEY);
    expect(adminBodies.some((b) => b.includes("key stored (encrypted)") || b.includes('"source":"stored"'))).toBe(true);
  });
});
