import { describe, expect, it } from "vitest";
import { gram, gramJs } from "@/lib/onnx/gram";
import { createRng } from "@/scripts/demo-data/prng";

function randomMatrix(n: number, d: number, seed: number): Float32Array {
  const rng = createRng(seed, "gram");
  // Offset from zero, like real features, so cancellation doesn't hide rounding.
  return Float32Array.from({ length: n * d }, () => rng.float(-0.5, 1.5));
}

describe("gram (Xᵀ X with onnxruntime)", () => {
  it("matches plain JS across several row chunks", async () => {
    const n = 20_000; // three chunks of ≤ 8,192 rows
    const d = 37;
    const X = randomMatrix(n, d, 1);
    const got = await gram(X, n, d);
    const want = gramJs(X, n, d);
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / Math.abs(want[i]!));
    expect(worst).toBeLessThan(1e-5);
    // Symmetric, as Xᵀ X must be.
    expect(got[1 * d + 5]).toBeCloseTo(got[5 * d + 1]!, 6);
  });

  it("handles a single short chunk and an empty matrix", async () => {
    const X = Float32Array.from([1, 2, 3, 4, 5, 6]); // 2×3
    expect(Array.from(await gram(X, 2, 3))).toEqual([17, 22, 27, 22, 29, 36, 27, 36, 45]);
    expect(Array.from(await gram(new Float32Array(0), 0, 2))).toEqual([0, 0, 0, 0]);
  });

  it("refuses a matrix that is not n×d", async () => {
    await expect(gram(new Float32Array(5), 2, 3)).rejects.toThrow("gram: X has 5 values, which is not n×d = 2×3");
  });
});
