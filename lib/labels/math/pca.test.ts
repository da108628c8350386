import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { gramJs } from "./gram";
import { pca, projectScores } from "./pca";
import { createRng } from "./random";

const PYTHON = "/usr/bin/python3"; // Debian's, with python3-numpy; a pyenv python3 first on PATH may lack numpy
const hasNumpy = spawnSync(PYTHON, ["-c", "import numpy"], { stdio: "ignore" }).status === 0;

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function row(m: Float64Array, i: number, d: number): Float64Array {
  return m.subarray(i * d, (i + 1) * d);
}

describe("pca", () => {
  it("finds the axes of a hand-computable 2-D example", async () => {
    // Points (2,2), (−2,−2), (1,−1), (−1,1): C = [[10/3, 2], [2, 10/3]],
    // eigenvalues 16/3 along (1,1)/√2 and 4/3 along (1,−1)/√2.
    const X = Float32Array.of(2, 2, -2, -2, 1, -1, -1, 1);
    const p = await pca(X, 4, 2, 2);
    expect(Array.from(p.mean)).toEqual([0, 0]);
    expect(p.variances[0]).toBeCloseTo(16 / 3, 12);
    expect(p.variances[1]).toBeCloseTo(4 / 3, 12);
    expect(p.explainedRatio[0]).toBeCloseTo(0.8, 12);
    expect(p.explainedRatio[1]).toBeCloseTo(0.2, 12);
    const r = Math.SQRT1_2;
    [r, r, r, -r].forEach((want, i) => expect(p.components[i]).toBeCloseTo(want, 12));
    const s = Math.SQRT2;
    [2 * s, 0, -2 * s, 0, 0, s, 0, -s].forEach((want, i) => expect(p.scores[i]).toBeCloseTo(want, 5));
  });

  it("recovers a known rotation and variances in 3-D", async () => {
    // Sample covariance exactly Q diag(9, 4, 1) Qᵀ: orthonormalise centred
    // random columns, scale each by √((n−1)·λ), rotate by Q, shift.
    const n = 500;
    const d = 3;
    const rng = createRng(1);
    const lambda = [9, 4, 1];
    const Z = Array.from({ length: d }, () => Float64Array.from({ length: n }, () => rng.normal()));
    for (let j = 0; j < d; j++) {
      const z = Z[j]!;
      const m = z.reduce((a, b) => a + b, 0) / n;
      for (let r = 0; r < n; r++) z[r]! -= m;
      for (let q = 0; q < j; q++) {
        const c = dot(z, Z[q]!);
        for (let r = 0; r < n; r++) z[r]! -= c * Z[q]![r]!;
      }
      const norm = Math.sqrt(dot(z, z));
      for (let r = 0; r < n; r++) z[r]! /= norm;
    }
    Z.forEach((z, j) => z.forEach((x, r) => (z[r] = x * Math.sqrt((n - 1) * lambda[j]!))));
    // Q: rotation by 30° about z, then 45° about x (columns are the axes).
    const [c1, s1, c2, s2] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), Math.SQRT1_2, Math.SQRT1_2];
    const Q = [
      [c1, -s1, 0],
      [c2 * s1, c2 * c1, -s2],
      [s2 * s1, s2 * c1, c2],
    ];
    const shift = [10, -5, 3];
    const X = new Float32Array(n * d);
    for (let r = 0; r < n; r++)
      for (let i = 0; i < d; i++) X[r * d + i] = shift[i]! + Q[i]!.reduce((s, qij, j) => s + qij * Z[j]![r]!, 0);

    const p = await pca(X, n, d, 3);
    for (let j = 0; j < d; j++) {
      expect(p.mean[j]).toBeCloseTo(shift[j]!, 5);
      expect(p.variances[j]! / lambda[j]!).toBeCloseTo(1, 5); // float32 storage limits this
      const axis = Q.map((qi) => qi[j]!);
      expect(Math.abs(dot(row(p.components, j, d), axis))).toBeGreaterThan(1 - 1e-9);
    }
    expect(p.explainedRatio.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it("satisfies C·v = λ·v with orthonormal components on a random 200×12 matrix", async () => {
    const n = 200;
    const d = 12;
    const rng = createRng(42);
    const X = Float32Array.from({ length: n * d }, (_, i) => rng.normal() * (1 + (i % d)) + (i % d));
    const k = 5;
    const p = await pca(X, n, d, k);
    // Covariance straight from the definition, in float64.
    const C = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += (X[r * d + i]! - p.mean[i]!) * (X[r * d + j]! - p.mean[j]!);
        C[i * d + j] = s / (n - 1);
      }
    for (let t = 0; t < k; t++) {
      const v = row(p.components, t, d);
      for (let i = 0; i < d; i++) expect(Math.abs(dot(row(C, i, d), v) - p.variances[t]! * v[i]!)).toBeLessThan(1e-8);
      for (let u = 0; u < k; u++) expect(Math.abs(dot(v, row(p.components, u, d)) - (t === u ? 1 : 0))).toBeLessThan(1e-12);
    }
    for (let t = 1; t < k; t++) expect(p.variances[t]).toBeLessThan(p.variances[t - 1]!);
    let trace = 0;
    for (let i = 0; i < d; i++) trace += C[i * d + i]!;
    for (let t = 0; t < k; t++) expect(p.explainedRatio[t]).toBeCloseTo(p.variances[t]! / trace, 12);
  });

  it("projects new rows the same way as the fitted scores", async () => {
    const n = 50;
    const d = 8;
    const rng = createRng(9);
    const X = Float32Array.from({ length: n * d }, () => rng.normal());
    const k = 6; // one block of four components and a tail of two
    const p = await pca(X, n, d, k);
    expect(projectScores(p, X, n)).toEqual(p.scores);
    const x = X.subarray(3 * d, 4 * d);
    const s = projectScores(p, x, 1);
    for (let j = 0; j < k; j++) {
      let want = 0;
      for (let i = 0; i < d; i++) want += (x[i]! - p.mean[i]!) * p.components[j * d + i]!;
      expect(s[j]).toBeCloseTo(want, 5);
    }
    expect(() => projectScores(p, new Float32Array(7), 1)).toThrow(/expected n·d = 8/);
  });

  it("uses an injected (async) gram function and reports its stages", async () => {
    const n = 40;
    const d = 6;
    const rng = createRng(3);
    const X = Float32Array.from({ length: n * d }, () => rng.normal());
    const calls: string[] = [];
    const injected = await pca(X, n, d, 2, {
      gram: async (Xc, rows, cols) => {
        calls.push(`gram ${rows}×${cols}`);
        return gramJs(Xc, rows, cols);
      },
      onStage: (stage) => calls.push(stage),
    });
    expect(calls).toEqual(["gram", `gram ${n}×${d}`, "eigen", "scores"]);
    // The injected path sees float32 centred data, so agreement is ~1e-7.
    const plain = await pca(X, n, d, 2);
    for (let t = 0; t < 2; t++) {
      expect(injected.variances[t]! / plain.variances[t]!).toBeCloseTo(1, 5);
      expect(dot(row(injected.components, t, d), row(plain.components, t, d))).toBeGreaterThan(1 - 1e-9);
    }
    await expect(pca(X, n, d, 2, { gram: () => new Float64Array(3) })).rejects.toThrow(/gram returned 3 values/);
  });

  it("reports zero variance beyond the rank of the data", async () => {
    // 3 points span a plane: the third and fourth components carry nothing.
    const X = Float32Array.of(1, 2, 3, 4, 5, 0, 1, 0, 2, 1, 3, 3, 3, 3, 3);
    const p = await pca(X, 3, 5, 4);
    expect(p.variances[2]).toBeLessThan(1e-12);
    expect(p.variances[3]).toBeGreaterThanOrEqual(0);
    expect(p.explainedRatio[0]! + p.explainedRatio[1]!).toBeCloseTo(1, 10);
    // Identical rows: no variance at all, ratios 0 rather than NaN.
    const flat = await pca(Float32Array.of(1, 2, 1, 2), 2, 2, 1);
    expect(Array.from(flat.explainedRatio)).toEqual([0]);
  });

  it("rejects bad shapes", async () => {
    await expect(pca(new Float32Array(4), 1, 4, 1)).rejects.toThrow(/n ≥ 2/);
    await expect(pca(new Float32Array(5), 2, 3, 1)).rejects.toThrow(/expected n·d = 6/);
    await expect(pca(new Float32Array(6), 2, 3, 4)).rejects.toThrow(/k must be/);
    await expect(pca(Float32Array.of(1, NaN, 2, 3), 2, 2, 1)).rejects.toThrow(/NaN or infinite/);
  });

  it.skipIf(!hasNumpy)("agrees with numpy.linalg.eigh of np.cov on the same matrix", async () => {
    const n = 300;
    const d = 20;
    const k = 6;
    const rng = createRng(2024);
    const X = Float32Array.from({ length: n * d }, (_, i) => rng.normal() * (1 + ((i * 7) % d) / 4));
    const p = await pca(X, n, d, k);
    const script = `
import json, sys, numpy as np
m = json.load(sys.stdin)
X = np.array(m["X"], dtype=np.float32).reshape(m["n"], m["d"])
w, V = np.linalg.eigh(np.cov(X, rowvar=False))
order = np.argsort(w)[::-1][: m["k"]]
json.dump({"values": w[order].tolist(), "vectors": V[:, order].T.tolist()}, sys.stdout)
`;
    const out = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify({ X: Array.from(X), n, d, k }), encoding: "utf8" });
    expect(out.status, out.stderr).toBe(0);
    const ref = JSON.parse(out.stdout) as { values: number[]; vectors: number[][] };
    for (let t = 0; t < k; t++) {
      expect(Math.abs(p.variances[t]! - ref.values[t]!)).toBeLessThan(1e-9 * ref.values[0]!);
      expect(Math.abs(dot(row(p.components, t, d), ref.vectors[t]!))).toBeGreaterThan(1 - 1e-9);
    }
  });
  if (!hasNumpy) console.warn(`pca.test: numpy comparison skipped: ${PYTHON} -c "import numpy" failed (apt-get install python3-numpy)`);
});
