// Debian's Chromium driven by playwright-core (no browser download).
import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";
import { demoUsers } from "../../scripts/seed";

export const baseUrl = () => inject("baseUrl");

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

export async function signInAs(browser: Browser, role: "admin" | "curator" | "clinician"): Promise<Page> {
  const u = demoUsers.find((d) => d.role === role)!;
  const page = await (await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(u.email);
  await page.getByLabel("Password").fill(u.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/figures**", { waitUntil: "commit" });
  await page.getByTestId("whoami").waitFor();
  return page;
}
