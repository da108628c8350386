// Xᵀ X in plain JavaScript: the default for PCA's covariance when no faster
// backend (e.g. onnxruntime) is injected. It is the O(n·d²) step, so it is
// blocked for the cache and computes only the lower triangle.

/** Computes G = Xᵀ X (d×d, row-major, float64) for X n×d row-major. */
export type GramFn = (X: Float32Array, n: number, d: number) => Promise<Float64Array> | Float64Array;

// Rows per packed panel: 64 rows × 1,000 columns × 8 bytes = 512 KB stays
// in L2 while every block pair of the panel is visited.
const PANEL_ROWS = 64;
// 3×3 register block: 9 accumulators + 6 loaded values fit V8's 16 float
// registers; 4×4 spills and measured ~25 % slower.
const B = 3;

/**
 * Xᵀ X, or with `mean` the centred (X − 1·meanᵀ)ᵀ (X − 1·meanᵀ): centring
 * while packing keeps it in float64 (a float32 centred copy would cost
 * ~1e-7 relative accuracy and n·d·4 bytes).
 */
export function gramJs(X: Float32Array, n: number, d: number, mean?: Float64Array): Float64Array {
  if (X.length !== n * d) throw new Error(`gram: X has ${X.length} values, expected n·d = ${n * d}`);
  if (mean && mean.length !== d) throw new Error(`gram: mean has ${mean.length} values, expected d = ${d}`);
  const shift = mean ?? new Float64Array(d);
  const R = PANEL_ROWS;
  const dp = Math.ceil(d / B) * B; // padded with zero columns so no tail code is needed
  const Gp = new Float64Array(dp * dp);
  // Column-major panel: column i of the row chunk is contiguous, so each
  // block's inner loop walks six contiguous streams.
  const P = new Float64Array(dp * R);
  for (let r0 = 0; r0 < n; r0 += R) {
    const rows = Math.min(R, n - r0);
    for (let r = 0; r < rows; r++) {
      const src = (r0 + r) * d;
      for (let i = 0; i < d; i++) P[i * R + r] = X[src + i]! - shift[i]!;
    }
    for (let i = 0; i < dp; i += B) {
      const a0 = i * R;
      const a1 = a0 + R;
      const a2 = a1 + R;
      for (let j = 0; j <= i; j += B) {
        const b0 = j * R;
        const b1 = b0 + R;
        const b2 = b1 + R;
        let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
        for (let r = 0; r < rows; r++) {
          const y0 = P[b0 + r]!, y1 = P[b1 + r]!, y2 = P[b2 + r]!;
          const x0 = P[a0 + r]!, x1 = P[a1 + r]!, x2 = P[a2 + r]!;
          s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2;
          s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2;
          s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2;
        }
        let g = i * dp + j;
        Gp[g]! += s00; Gp[g + 1]! += s01; Gp[g + 2]! += s02; g += dp;
        Gp[g]! += s10; Gp[g + 1]! += s11; Gp[g + 2]! += s12; g += dp;
        Gp[g]! += s20; Gp[g + 1]! += s21; Gp[g + 2]! += s22;
      }
    }
  }
  // Unpad and mirror the lower triangle.
  const G = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      const v = Gp[i * dp + j]!;
      G[i * d + j] = v;
      G[j * d + i] = v;
    }
  }
  return G;
}
