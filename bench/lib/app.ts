// The built app (`next start`) on its own port with the benchmark's env, as
// tests/e2e/app-server.ts starts it; no workers.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { webEnv } from "../../scripts/web-env.mjs";

export async function startApp(env: NodeJS.ProcessEnv, port: number): Promise<{ baseUrl: string; pgid: number; stop: () => Promise<void> }> {
  if (!existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npx next build` first.");
  const baseUrl = `http://localhost:${port}`;
  const child = spawn("npx", ["next", "start", "-p", String(port)], {
    env: webEnv({ ...env, APP_URL: baseUrl, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }),
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${baseUrl}/sign-in`).then((r) => r.status < 500, () => false);
    if (ok) return { baseUrl, pgid: child.pid!, stop };
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error(`${baseUrl} did not answer within 90 s`);
}

/** Signs in through the app's HTTP endpoint; returns the Cookie header value. */
export async function signInHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}
