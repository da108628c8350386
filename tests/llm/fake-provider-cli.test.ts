// The fake provider's command line: flags → options, and the script itself
// serving requests in another process.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { optionsFromArgv } from "@/lib/llm/fake-provider/cli-args";
import { fakeProviderControl } from "@/lib/llm/fake-provider";

describe("fake-provider CLI", () => {
  it("turns flags into options", () => {
    expect(optionsFromArgv(["--port", "8787", "--latency-ms", "200", "--rpm", "60", "--itpm", "1000", "--fault", "server_error=0.05", "--fault", "refusal=0.1"])).toMatchObject({
      port: 8787,
      latencyMs: 200,
      limits: { requestsPerMinute: 60, inputTokensPerMinute: 1000 },
      faultRates: { server_error: 0.05, refusal: 0.1 },
    });
    expect(() => optionsFromArgv(["--fault", "meteor=0.5"])).toThrow(/KIND=RATE/);
    expect(() => optionsFromArgv(["--rpm", "-3"])).toThrow();
    expect(() => optionsFromArgv(["--fault", "server_error=0.7", "--fault", "timeout=0.7"])).toThrow(/sum to at most 1/);
  });

  it("serves requests and control routes from its own process", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/fake-provider.ts", "--port", "0", "--api-key", "sk-cli", "--fault", "server_error=1"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      const lines = createInterface({ input: child.stdout });
      const url = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`fake-provider exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new OpenAI({ apiKey: "sk-cli", baseURL: `${url}/v1`, maxRetries: 0 });
      const create = () => client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
      await expect(create()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
      await fakeProviderControl(url).clearFaults();
      expect((await create()).choices[0]?.finish_reason).toBe("stop");
    } finally {
      child.kill("SIGTERM");
    }
  }, 20_000);
});
