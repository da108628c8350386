// Xᵀ X for PCA over large feature matrices (e.g. 80,000 figures × 1,000
// features). onnxruntime's MLAS GEMM is multi-threaded and vectorised, which
// plain JS is not; chunking rows and summing the partial products in float64
// keeps float32 rounding error from growing with the number of rows.
import os from "node:os";
import * as ort from "onnxruntime-node";
import { buildModel } from "./model-builder";

/** Rows per ONNX run: big enough to keep GEMM efficient, small enough that float32 sums stay accurate. */
const CHUNK_ROWS = 8192;

let session: Promise<ort.InferenceSession> | undefined;

/** One session for all shapes: both dims are symbolic. ORT fuses Transpose into the MatMul (transA). */
function gramSession(): Promise<ort.InferenceSession> {
  session ??= ort.InferenceSession.create(
    buildModel({
      name: "gram",
      inputs: [{ name: "X", shape: ["N", "D"] }],
      outputs: [{ name: "G", shape: ["D", "D"] }],
      nodes: [
        { op: "Transpose", inputs: ["X"], outputs: ["XT"] },
        { op: "MatMul", inputs: ["XT", "X"], outputs: ["G"] },
      ],
    }),
    { intraOpNumThreads: os.availableParallelism(), graphOptimizationLevel: "all" },
  );
  return session;
}

/** Xᵀ X (d×d, row-major) of the row-major n×d matrix X, computed with onnxruntime. */
export async function gram(X: Float32Array, n: number, d: number): Promise<Float64Array> {
  checkShape(X, n, d);
  const s = await gramSession();
  const G = new Float64Array(d * d);
  for (let start = 0; start < n; start += CHUNK_ROWS) {
    const rows = Math.min(CHUNK_ROWS, n - start);
    const chunk = X.subarray(start * d, (start + rows) * d);
    const out = await s.run({ X: new ort.Tensor("float32", chunk, [rows, d]) });
    const part = out.G!.data as Float32Array;
    for (let i = 0; i < part.length; i++) G[i]! += part[i]!;
  }
  return G;
}

/** Plain-JS Xᵀ X in float64: the reference the ONNX version is tested against. */
export function gramJs(X: Float32Array, n: number, d: number): Float64Array {
  checkShape(X, n, d);
  const G = new Float64Array(d * d);
  for (let r = 0; r < n; r++) {
    const row = r * d;
    for (let i = 0; i < d; i++) {
      const xi = X[row + i]!;
      if (xi === 0) continue;
      const gi = i * d;
      for (let j = i; j < d; j++) G[gi + j]! += xi * X[row + j]!;
    }
  }
  // Only the upper triangle was summed; mirror it.
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) G[i * d + j] = G[j * d + i]!;
  return G;
}

function checkShape(X: Float32Array, n: number, d: number): void {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 1 || X.length !== n * d) {
    throw new Error(`gram: X has ${X.length} values, which is not n×d = ${n}×${d}`);
  }
}
