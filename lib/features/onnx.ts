// Features from an ImageNet classifier in ONNX (ResNet-50 by default, as the
// reference pipeline), run by onnxruntime on the CPU with torchvision's
// preprocessing (preprocess.ts). The model is checked when it is loaded, so a
// wrong file fails at start-up with a message, not later on every figure.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { mapLimit } from "@/lib/imports/map-limit";
import { ImageDecodeError, decodeRgb } from "./decode";
import { CROP_SIZE, TENSOR_SIZE, normalizeInto, resizeAndCrop } from "./preprocess";
import type { ExtractError, Extractor } from "./types";

export interface OnnxExtractorOptions {
  modelPath: string;
  /** Images per onnxruntime run when the model's batch dimension is dynamic. */
  batchSize?: number;
  /** onnxruntime intra-op threads; default: every core. */
  threads?: number;
  /** Output to use, by name. Default: a pooled layer if the graph exposes one, else the first output (the logits). */
  output?: string;
  /** Model name in the extractor's id and label; default: the file name without extension. */
  name?: string;
}

const EXPECTED_SHAPE = `[N,3,${CROP_SIZE},${CROP_SIZE}]`;
/** Parallel image decodes: libuv's default pool has 4 threads. */
const DECODE_CONCURRENCY = 4;

export async function createOnnxExtractor(opts: OnnxExtractorOptions): Promise<Extractor> {
  const { modelPath, batchSize = 16, threads = os.availableParallelism() } = opts;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer; got ${batchSize}`);
  let sha256: string;
  let session: ort.InferenceSession;
  try {
    sha256 = await sha256File(modelPath);
    session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: threads, graphOptimizationLevel: "all" });
  } catch (err) {
    throw new Error(`could not load the ONNX model ${modelPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    const input = checkInput(session);
    const output = pickOutput(session, opts.output);
    // A static batch dimension (often 1 in exported models) fixes the run size; short batches are zero-padded.
    const staticBatch = typeof input.shape[0] === "number" && input.shape[0] > 0 ? input.shape[0] : null;
    const runSize = staticBatch ?? batchSize;
    const run = async (data: Float32Array, rows: number): Promise<Float32Array> => {
      const feeds = { [input.name]: new ort.Tensor("float32", data, [rows, 3, CROP_SIZE, CROP_SIZE]) };
      return (await session.run(feeds, [output]))[output]!.data as Float32Array;
    };
    // One zero image tells the output size even when the graph leaves it symbolic, and proves the model runs.
    const probeRows = staticBatch ?? 1;
    const dim = (await run(new Float32Array(probeRows * TENSOR_SIZE), probeRows)).length / probeRows;

    const name = opts.name ?? path.basename(modelPath).replace(/\.onnx$/i, "");
    const isDefaultOutput = output === session.outputNames[0];
    return {
      id: `onnx-${slug(name)}-${sha256.slice(0, 12)}${isDefaultOutput ? "" : `-${slug(output)}`}`,
      label: `${name} (ONNX, ${isDefaultOutput ? `${dim} logits` : `${dim}-d '${output}' layer`})`,
      dim,
      async extract(images) {
        const results: (Float32Array | ExtractError)[] = new Array(images.length);
        for (let start = 0; start < images.length; start += runSize) {
          const batch = images.slice(start, start + runSize);
          const crops = await mapLimit(batch, DECODE_CONCURRENCY, async (image) => {
            try {
              return resizeAndCrop(await decodeRgb(image));
            } catch (err) {
              if (err instanceof ImageDecodeError) return { error: err.message };
              throw err;
            }
          });
          // Failed images leave no gap: the batch is packed with the ones that decoded, in input order.
          const data = new Float32Array((staticBatch ?? batch.length) * TENSOR_SIZE);
          const decoded: number[] = [];
          crops.forEach((crop, i) => {
            if ("error" in crop) {
              results[start + i] = crop;
            } else {
              normalizeInto(crop, data, decoded.length * TENSOR_SIZE);
              decoded.push(i);
            }
          });
          if (decoded.length === 0) continue;
          const rows = staticBatch ?? decoded.length;
          const values = await run(data.subarray(0, rows * TENSOR_SIZE), rows);
          if (values.length !== rows * dim) throw new Error(`model output has ${values.length / rows} values an image; expected ${dim}`);
          decoded.forEach((i, row) => (results[start + i] = values.slice(row * dim, (row + 1) * dim)));
        }
        return results;
      },
      close: () => session.release(),
    };
  } catch (err) {
    await session.release();
    throw err;
  }
}

/** The model must take one float32 image batch shaped like an ImageNet classifier's input. */
function checkInput(session: ort.InferenceSession): { name: string; shape: readonly (number | string)[] } {
  const inputs = session.inputMetadata;
  if (inputs.length !== 1) {
    throw new Error(`model has ${inputs.length} inputs (${session.inputNames.join(", ")}); expected one image input ${EXPECTED_SHAPE}`);
  }
  const input = inputs[0]!;
  if (!input.isTensor) throw new Error(`model input '${input.name}' is not a tensor; expected float32 ${EXPECTED_SHAPE}`);
  if (input.type !== "float32") throw new Error(`model input '${input.name}' has type ${input.type}; expected float32 ${EXPECTED_SHAPE}`);
  const want = [null, 3, CROP_SIZE, CROP_SIZE];
  const fits =
    input.shape.length === 4 &&
    input.shape.every((d, i) => typeof d !== "number" || d <= 0 || want[i] === null || d === want[i]);
  if (!fits) {
    throw new Error(
      `model input '${input.name}' has shape [${input.shape.join(",")}]; expected ${EXPECTED_SHAPE} (an ImageNet classifier such as ResNet-50)`,
    );
  }
  return input;
}

/** The requested output, else a pooled 2-D output ([N, features]) if any, else the first (logits). */
function pickOutput(session: ort.InferenceSession, requested: string | undefined): string {
  const outputs = session.outputMetadata;
  if (requested !== undefined) {
    const found = outputs.find((o) => o.name === requested);
    if (!found) throw new Error(`model has no output '${requested}'; its outputs are: ${session.outputNames.join(", ")}`);
    return checkFloat(found);
  }
  const pooled = outputs.find((o) => o.isTensor && /pool|flatten/i.test(o.name) && o.shape.length === 2);
  return checkFloat(pooled ?? outputs[0]!);
}

function checkFloat(output: ort.InferenceSession.ValueMetadata): string {
  if (!output.isTensor || output.type !== "float32") throw new Error(`model output '${output.name}' is not a float32 tensor`);
  return output.name;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "model";

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
