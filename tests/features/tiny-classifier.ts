// A tiny ImageNet-shaped classifier for tests: Conv 3→8 (3×3, stride 2,
// pad 1) → Relu → GlobalAveragePool → Flatten → Gemm 8→10, with fixed
// pseudo-random weights, as ONNX bytes and as a plain-JS forward pass.
import { attr, buildModel, type Dim } from "@/lib/onnx/model-builder";
import { createRng } from "@/scripts/demo-data/prng";

export const CLASSES = 10;
const CHANNELS = 8;

export interface TinyWeights {
  conv: Float32Array; // [8, 3, 3, 3]
  convBias: Float32Array; // [8]
  fc: Float32Array; // [10, 8]
  fcBias: Float32Array; // [10]
}

export function tinyWeights(seed = 1): TinyWeights {
  const rng = createRng(seed, "tiny-classifier");
  const values = (n: number, scale: number) => Float32Array.from({ length: n }, () => rng.float(-scale, scale));
  return { conv: values(CHANNELS * 27, 0.5), convBias: values(CHANNELS, 0.1), fc: values(CLASSES * CHANNELS, 1), fcBias: values(CLASSES, 0.1) };
}

export interface TinyModelOptions {
  /** Input shape; default ["N", 3, 224, 224]. */
  inputShape?: Dim[];
  /** Also expose the pooled features as an output named "avgpool" ([N, 8]). */
  pooledOutput?: boolean;
  /** Declared shape of the logits output; default ["N", 10]. */
  logitsShape?: Dim[];
}

export function tinyClassifierModel(w: TinyWeights, opts: TinyModelOptions = {}): Uint8Array {
  const batch = opts.inputShape?.[0] ?? "N";
  return buildModel({
    name: "tiny-classifier",
    inputs: [{ name: "x", shape: opts.inputShape ?? ["N", 3, 224, 224] }],
    outputs: [
      { name: "logits", shape: opts.logitsShape ?? [batch, CLASSES] },
      ...(opts.pooledOutput ? [{ name: "avgpool", shape: [batch, CHANNELS] }] : []),
    ],
    initializers: [
      { name: "conv.w", dims: [CHANNELS, 3, 3, 3], data: w.conv },
      { name: "conv.b", dims: [CHANNELS], data: w.convBias },
      { name: "fc.w", dims: [CLASSES, CHANNELS], data: w.fc },
      { name: "fc.b", dims: [CLASSES], data: w.fcBias },
    ],
    nodes: [
      {
        op: "Conv",
        inputs: ["x", "conv.w", "conv.b"],
        outputs: ["conv"],
        attrs: { kernel_shape: attr.ints([3, 3]), strides: attr.ints([2, 2]), pads: attr.ints([1, 1, 1, 1]) },
      },
      { op: "Relu", inputs: ["conv"], outputs: ["relu"] },
      { op: "GlobalAveragePool", inputs: ["relu"], outputs: ["gap"] },
      { op: "Flatten", inputs: ["gap"], outputs: ["avgpool"], attrs: { axis: attr.int(1) } },
      { op: "Gemm", inputs: ["avgpool", "fc.w", "fc.b"], outputs: ["logits"], attrs: { transB: attr.int(1), alpha: attr.float(1) } },
    ],
  });
}

/** The same network in float64 JS, on one preprocessed 3×size×size CHW tensor. */
export function tinyForward(w: TinyWeights, x: Float32Array, size = 224): { logits: Float64Array; pooled: Float64Array } {
  const out = Math.floor((size + 2 - 3) / 2) + 1;
  const pooled = new Float64Array(CHANNELS);
  for (let oc = 0; oc < CHANNELS; oc++) {
    let sum = 0;
    for (let oy = 0; oy < out; oy++) {
      for (let ox = 0; ox < out; ox++) {
        let v = w.convBias[oc]!;
        for (let ic = 0; ic < 3; ic++) {
          for (let ky = 0; ky < 3; ky++) {
            const iy = oy * 2 - 1 + ky;
            if (iy < 0 || iy >= size) continue;
            for (let kx = 0; kx < 3; kx++) {
              const ix = ox * 2 - 1 + kx;
              if (ix < 0 || ix >= size) continue;
              v += w.conv[((oc * 3 + ic) * 3 + ky) * 3 + kx]! * x[(ic * size + iy) * size + ix]!;
            }
          }
        }
        sum += Math.max(0, v);
      }
    }
    pooled[oc] = sum / (out * out);
  }
  const logits = new Float64Array(CLASSES);
  for (let j = 0; j < CLASSES; j++) {
    let v = w.fcBias[j]!;
    for (let k = 0; k < CHANNELS; k++) v += w.fc[j * CHANNELS + k]! * pooled[k]!;
    logits[j] = v;
  }
  return { logits, pooled };
}
