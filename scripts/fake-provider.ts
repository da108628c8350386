// A fake OpenAI + Anthropic provider for demos and benchmarks:
//   npm run fake-provider -- --port 8787 --latency-ms 800 --rpm 60 --fault server_error=0.05
// Prints its URL on the first line of stdout; stop it with Ctrl-C.
import { CLI_USAGE, optionsFromArgv } from "@/lib/llm/fake-provider/cli-args";
import { startFakeProvider } from "@/lib/llm/fake-provider";

const argv = process.argv.slice(2);
if (argv.includes("--help")) {
  console.log(CLI_USAGE);
  process.exit(0);
}
let options;
try {
  options = optionsFromArgv(argv);
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${CLI_USAGE}`);
  process.exit(2);
}
const fake = await startFakeProvider(options);
console.log(fake.url);
console.error(
  [
    `fake LLM provider on ${fake.url} (synthetic answers; not a real model)`,
    `  OpenAI SDK:    new OpenAI({ baseURL: "${fake.openaiBaseURL}", apiKey: ${options.apiKey ? "<the --api-key>" : '"any"'} })`,
    `  Anthropic SDK: new Anthropic({ baseURL: "${fake.anthropicBaseURL}", apiKey: ${options.apiKey ? "<the --api-key>" : '"any"'} })`,
    `  control:       GET ${fake.url}/_fake/stats, GET|POST|DELETE ${fake.url}/_fake/faults, POST ${fake.url}/_fake/reset`,
  ].join("\n"),
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
