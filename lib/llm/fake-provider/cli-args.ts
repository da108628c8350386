// Command-line flags of scripts/fake-provider.ts → start options. Kept here
// so they are tested without spawning the script.
import { parseArgs } from "node:util";
import { z } from "zod";
import { faultKindSchema } from "./faults";
import { fakeProviderOptionsSchema, type FakeProviderOptions } from "./options";

export const CLI_USAGE = `usage: npm run fake-provider -- [flags]
  --host 127.0.0.1          --port 8787 (0: any free port)
  --api-key KEY             require this key (default: accept any)
  --latency-ms N            --jitter-ms N
  --rpm N  --tpm N          requests / tokens per minute (per API and model)
  --itpm N --otpm N         Anthropic-style input / output tokens per minute
  --tokens-per-image N      (default 800)   --default-max-tokens N (default 4096)
  --max-body-mb N           (default 32)
  --batch-validating-ms N   --batch-processing-ms N   --batch-cancelling-ms N
  --fault KIND=RATE         random fault rate, repeatable (e.g. --fault server_error=0.05)
  --seed N                  seeds the fault and jitter streams
kinds: ${faultKindSchema.options.join(", ")}`;

const count = z.coerce.number().int().nonnegative().optional();
const rate = z.coerce.number().positive().optional();
const flagsSchema = z.object({
  host: z.string().optional(),
  port: count,
  "api-key": z.string().min(1).optional(),
  "latency-ms": count,
  "jitter-ms": count,
  rpm: rate,
  tpm: rate,
  itpm: rate,
  otpm: rate,
  "tokens-per-image": count,
  "default-max-tokens": count,
  "max-body-mb": rate,
  "batch-validating-ms": count,
  "batch-processing-ms": count,
  "batch-cancelling-ms": count,
  seed: z.coerce.number().int().optional(),
  fault: z
    .array(
      z.string().transform((text, c) => {
        const [kind, value] = text.split("=");
        const parsed = z.tuple([faultKindSchema, z.coerce.number().min(0).max(1)]).safeParse([kind, value]);
        if (!parsed.success) {
          c.addIssue({ code: "custom", message: `--fault ${text}: expected KIND=RATE with RATE in [0, 1]` });
          return z.NEVER;
        }
        return parsed.data;
      }),
    )
    .default([]),
});

/** Throws a readable error for a bad flag. */
export function optionsFromArgv(argv: string[]): FakeProviderOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...Object.fromEntries(Object.keys(flagsSchema.shape).map((name) => [name, { type: "string" as const }])),
      fault: { type: "string", multiple: true },
    },
  });
  const parsed = flagsSchema.safeParse(values);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const f = parsed.data;
  return fakeProviderOptionsSchema.parse({
    host: f.host,
    port: f.port,
    apiKey: f["api-key"],
    latencyMs: f["latency-ms"],
    jitterMs: f["jitter-ms"],
    limits: { requestsPerMinute: f.rpm, tokensPerMinute: f.tpm, inputTokensPerMinute: f.itpm, outputTokensPerMinute: f.otpm },
    tokensPerImage: f["tokens-per-image"],
    defaultMaxTokens: f["default-max-tokens"],
    maxBodyBytes: f["max-body-mb"] === undefined ? undefined : Math.round(f["max-body-mb"] * 1024 * 1024),
    batch: { validatingMs: f["batch-validating-ms"], processingMs: f["batch-processing-ms"], cancellingMs: f["batch-cancelling-ms"] },
    faultRates: Object.fromEntries(f.fault),
    seed: f.seed,
  });
}
