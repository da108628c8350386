// The --file path only: tests make no network requests.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { fetchModel, parseArgs } from "@/scripts/fetch-model";
import { tinyClassifierModel, tinyWeights } from "./tiny-classifier";

const dir = mkdtempSync(path.join(tmpdir(), "fetch-model-"));
const model = tinyClassifierModel(tinyWeights());
const source = path.join(dir, "downloaded.onnx");
writeFileSync(source, model);
const sha = createHash("sha256").update(model).digest("hex");

describe("fetch-model --file", () => {
  it("copies the model, checks it loads, and reports the extractor it makes", async () => {
    const out = path.join(dir, "a", "models", "resnet50.onnx");
    const m = await fetchModel({ file: source, sha256: sha.toUpperCase(), out });
    expect(m).toEqual({ path: out, sha256: sha, bytes: model.length, extractor: { id: `onnx-resnet50-${sha.slice(0, 12)}`, label: "resnet50 (ONNX, 10 logits)", dim: 10 } });
    expect(readFileSync(out).equals(Buffer.from(model))).toBe(true);
    expect(readdirSync(path.dirname(out))).toEqual(["resnet50.onnx"]);
  });

  it("installs nothing when the checksum differs, and says what was expected and got", async () => {
    const out = path.join(dir, "b", "resnet50.onnx");
    const wrong = "0".repeat(64);
    await expect(fetchModel({ file: source, sha256: wrong, out })).rejects.toThrow(`SHA-256 mismatch for ${source}: expected ${wrong}, got ${sha}`);
    expect(readdirSync(path.dirname(out))).toEqual([]);
  });

  it("installs nothing when the model's input shape is wrong", async () => {
    const bad = path.join(dir, "inception.onnx");
    writeFileSync(bad, tinyClassifierModel(tinyWeights(), { inputShape: [1, 3, 299, 299] }));
    const out = path.join(dir, "c", "resnet50.onnx");
    await expect(fetchModel({ file: bad, out })).rejects.toThrow("expected [N,3,224,224]");
    expect(existsSync(out)).toBe(false);
  });

  it("parses its arguments and asks for a checksum with --url", async () => {
    expect(parseArgs(["--file", "m.onnx", "--out", "x.onnx"])).toEqual({ file: "m.onnx", out: "x.onnx" });
    expect(() => parseArgs([])).toThrow(/usage:/);
    expect(() => parseArgs(["--file"])).toThrow("--file needs a value");
    expect(() => parseArgs(["--model", "x"])).toThrow("unknown argument '--model'");
    await expect(fetchModel({ url: "https://example.invalid/resnet50.onnx" })).rejects.toThrow(/--url needs --sha256/);
  });

  it("prints the env line to set (CLI)", async () => {
    const out = path.join(dir, "d", "resnet50.onnx");
    const tsx = path.resolve("node_modules/.bin/tsx");
    const { stdout } = await promisify(execFile)(tsx, ["scripts/fetch-model.ts", "--file", source, "--out", out]);
    expect(stdout).toContain(`sha256 ${sha}`);
    expect(stdout).toContain(`FEATURE_MODEL_PATH=${out}\n`);
  }, 60_000);
});
