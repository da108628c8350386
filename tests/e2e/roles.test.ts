import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser.close());

describe("sign-in and roles", () => {
  it("a wrong password is refused with a message", async () => {
    const page = await (await browser.newContext({ baseURL: (await import("./browser")).baseUrl() })).newPage();
    await page.goto("/figures");
    await page.waitForURL("**/sign-in**");
    await page.getByLabel("Email").fill("clinician@demo.local");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    // (Next.js has its own role="alert" route announcer, so find the message by text.)
    await page.getByText("Wrong email or password").waitFor();
  });

  it("a clinician sees the library but is refused the admin and import pages", async () => {
    const page = await signInAs(browser, "clinician");
    await expect(page.getByTestId("whoami").textContent()).resolves.toContain("clinician");
    await expect(page.getByRole("link", { name: "Admin" }).count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "Imports" }).count()).resolves.toBe(0);
    await page.goto("/admin");
    await page.waitForURL("**/forbidden");
    await expect(page.getByRole("heading").textContent()).resolves.toBe("Not allowed");
    const api = await page.request.get("/api/admin/users");
    expect(api.status()).toBe(403);
  });

  it("a curator reaches imports but not admin", async () => {
    const page = await signInAs(browser, "curator");
    await page.getByRole("link", { name: "Imports" }).click();
    await page.waitForURL("**/imports");
    await page.goto("/admin");
    await page.waitForURL("**/forbidden");
  });

  it("an admin adds a user, who can then sign in with that role", async () => {
    const page = await signInAs(browser, "admin");
    await page.getByRole("link", { name: "Admin" }).click();
    await page.waitForURL("**/admin");
    const email = `new-${Date.now()}@demo.local`;
    await page.getByLabel("Name").first().fill("New Curator");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Initial password").fill("fresh-password-1");
    await page.locator('form select[name="role"]').selectOption("curator");
    await page.getByRole("button", { name: "Add user" }).click();
    await page.getByTestId(`user-${email}`).waitFor();
    const ctx = await browser.newContext({ baseURL: (await import("./browser")).baseUrl() });
    const other = await ctx.newPage();
    await other.goto("/sign-in");
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Password").fill("fresh-password-1");
    await other.getByRole("button", { name: "Sign in" }).click();
    await other.waitForURL("**/figures**");
    await expect(other.getByTestId("whoami").textContent()).resolves.toContain("curator");
  });
});
