// The real onnxruntime path on a tiny classifier the test builds itself.
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOnnxExtractor } from "@/lib/features/onnx";
import { preprocess } from "@/lib/features/preprocess";
import { isExtractError, type Extractor } from "@/lib/features/types";
import { demoFigures } from "./demo-figures";
import { CLASSES, tinyClassifierModel, tinyForward, tinyWeights, type TinyModelOptions } from "./tiny-classifier";

const dir = mkdtempSync(path.join(tmpdir(), "onnx-extractor-"));
const weights = tinyWeights();
const open: Extractor[] = [];

function modelFile(name: string, opts: TinyModelOptions = {}): string {
  const file = path.join(dir, `${name}.onnx`);
  writeFileSync(file, tinyClassifierModel(weights, opts));
  return file;
}

async function extractor(...args: Parameters<typeof createOnnxExtractor>): Promise<Extractor> {
  const e = await createOnnxExtractor(...args);
  open.push(e);
  return e;
}

function vectors(results: Awaited<ReturnType<Extractor["extract"]>>): Float32Array[] {
  return results.map((r) => {
    if (isExtractError(r)) throw new Error(r.error);
    return r;
  });
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

let images: Buffer[];

beforeAll(async () => {
  // Seven images: batches of 3 leave a short last batch.
  const figs = await demoFigures(2);
  images = figs.slice(0, 7).map((f) => f.image);
});

afterAll(async () => {
  for (const e of open) await e.close?.();
});

describe("ONNX extractor", () => {
  it("names the model by file and hash, and reports the logits size", async () => {
    const file = modelFile("tiny");
    const e = await extractor({ modelPath: file, threads: 2 });
    const sha = createHash("sha256").update(tinyClassifierModel(weights)).digest("hex");
    expect(e.id).toBe(`onnx-tiny-${sha.slice(0, 12)}`);
    expect(e.label).toBe(`tiny (ONNX, ${CLASSES} logits)`);
    expect(e.dim).toBe(CLASSES);
  });

  it("gives the same vectors batched as one by one", async () => {
    const file = modelFile("tiny");
    const batched = vectors(await (await extractor({ modelPath: file, batchSize: 3 })).extract(images));
    const single = await extractor({ modelPath: file, batchSize: 1 });
    let worst = 0;
    for (const [i, image] of images.entries()) {
      const [one] = vectors(await single.extract([image]));
      worst = Math.max(worst, maxDiff(batched[i]!, one!));
    }
    console.log(`batched vs one by one: max |diff| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
  });

  it("matches a plain-JS forward pass of the same network on the same preprocessed tensor", async () => {
    const e = await extractor({ modelPath: modelFile("tiny"), batchSize: 4 });
    const got = vectors(await e.extract(images.slice(0, 4)));
    let worst = 0;
    let scale = 0;
    for (const [i, image] of images.slice(0, 4).entries()) {
      const want = tinyForward(weights, await preprocess(image)).logits;
      worst = Math.max(worst, maxDiff(got[i]!, want));
      scale = Math.max(scale, ...want.map(Math.abs));
    }
    console.log(`onnxruntime (float32) vs JS forward pass (float64): max |diff| ${worst.toExponential(2)}, largest |logit| ${scale.toFixed(2)}`);
    // onnxruntime sums 112×112 conv outputs in float32 (relative error ~1e-5 here); a wrong
    // stride, padding or weight layout would be off by percents.
    expect(worst / scale).toBeLessThan(1e-4);
  });

  it("fails only the undecodable image of a batch, with the reason", async () => {
    const e = await extractor({ modelPath: modelFile("tiny"), batchSize: 4 });
    const truncated = images[1]!.subarray(0, 200);
    const results = await e.extract([images[0]!, Buffer.from("not an image"), truncated, images[2]!]);
    expect(results[1]).toEqual({ error: expect.stringMatching(/not an image/) });
    expect(results[2]).toEqual({ error: expect.stringMatching(/truncated or corrupt/) });
    const [a, b] = vectors(await e.extract([images[0]!, images[2]!]));
    expect(maxDiff(results[0] as Float32Array, a!)).toBeLessThan(1e-5);
    expect(maxDiff(results[3] as Float32Array, b!)).toBeLessThan(1e-5);
    expect(await e.extract([Buffer.from("nope")])).toEqual([{ error: expect.any(String) }]);
  });

  it("runs a model with a static batch of 1 one image at a time", async () => {
    const e = await extractor({ modelPath: modelFile("static-batch", { inputShape: [1, 3, 224, 224] }), batchSize: 16 });
    const dynamic = await extractor({ modelPath: modelFile("tiny") });
    const got = vectors(await e.extract(images.slice(0, 3)));
    const want = vectors(await dynamic.extract(images.slice(0, 3)));
    got.forEach((v, i) => expect(maxDiff(v, want[i]!)).toBeLessThan(1e-5));
  });

  it("learns the output size by running the model when the graph leaves it symbolic", async () => {
    const e = await extractor({ modelPath: modelFile("symbolic-out", { logitsShape: ["N", "classes"] }) });
    expect(e.dim).toBe(CLASSES);
  });

  it("prefers a pooled-layer output, or the one named in `output`", async () => {
    const file = modelFile("pooled", { pooledOutput: true });
    const pooled = await extractor({ modelPath: file });
    expect(pooled.dim).toBe(8);
    expect(pooled.id).toMatch(/^onnx-pooled-[0-9a-f]{12}-avgpool$/);
    expect(pooled.label).toBe("pooled (ONNX, 8-d 'avgpool' layer)");
    const [v] = vectors(await pooled.extract([images[0]!]));
    expect(maxDiff(v!, tinyForward(weights, await preprocess(images[0]!)).pooled)).toBeLessThan(1e-5);

    const logits = await extractor({ modelPath: file, output: "logits" });
    expect(logits.dim).toBe(CLASSES);
    await expect(createOnnxExtractor({ modelPath: file, output: "fc7" })).rejects.toThrow("model has no output 'fc7'; its outputs are: logits, avgpool");
  });

  it("refuses a model whose input is not [N,3,224,224], naming the expected shape", async () => {
    const file = modelFile("inception-like", { inputShape: [1, 3, 299, 299] });
    await expect(createOnnxExtractor({ modelPath: file })).rejects.toThrow(
      "model input 'x' has shape [1,3,299,299]; expected [N,3,224,224] (an ImageNet classifier such as ResNet-50)",
    );
  });

  it("says which file could not be loaded", async () => {
    const file = path.join(dir, "garbage.onnx");
    writeFileSync(file, "not a protobuf");
    await expect(createOnnxExtractor({ modelPath: file })).rejects.toThrow(/could not load the ONNX model .*garbage\.onnx/);
  });
});

describe("ONNX extractor input shape check", () => {
  it("accepts symbolic spatial dims and refuses a wrong channel count", async () => {
    const ok = await extractor({ modelPath: modelFile("any-size", { inputShape: ["batch", 3, "height", "width"] }) });
    expect(ok.dim).toBe(CLASSES);
    const gray = path.join(dir, "gray.onnx");
    // A 1-channel input: the conv weights would not fit, but the input check comes first.
    writeFileSync(gray, tinyClassifierModel(weights, { inputShape: ["N", 1, 224, 224] }));
    await expect(createOnnxExtractor({ modelPath: gray })).rejects.toThrow("model input 'x' has shape [N,1,224,224]; expected [N,3,224,224]");
  });

});
