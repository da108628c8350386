import { describe, expect, it } from "vitest";
import { fixSign, symmetricEigen } from "./eigen";
import { createRng } from "./random";

/**
 * Cyclic Jacobi rotations: slow (O(d³) per sweep) but a completely different
 * method from Householder + QL, so agreement is a meaningful check.
 * Returns the eigenvalues sorted descending.
 */
function jacobiEigenvalues(A: Float64Array, d: number): number[] {
  const a = Float64Array.from(A);
  for (let sweep = 0; sweep < 100; sweep++) {
    let offNorm = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) offNorm += a[p * d + q]! ** 2;
    if (offNorm < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q]!;
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Golub & Van Loan, sym.schur2).
        const theta = (a[q * d + q]! - a[p * d + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p]!;
          const akq = a[k * d + q]!;
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k]!;
          const aqk = a[q * d + k]!;
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
      }
    }
  }
  return Array.from({ length: d }, (_, i) => a[i * d + i]!).sort((x, y) => y - x);
}

function covariance(X: Float64Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i]! += X[r * d + i]! / n;
  const C = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (X[r * d + i]! - mean[i]!) * (X[r * d + j]! - mean[j]!);
      C[i * d + j] = s / (n - 1);
    }
  return C;
}

function randomSymmetric(d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const A = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j <= i; j++) {
      const v = rng.normal();
      A[i * d + j] = v;
      A[j * d + i] = v;
    }
  return A;
}

/** max |A v − λ v| over the returned pairs, and max |VVᵀ − I|. */
function check(A: Float64Array, d: number, values: Float64Array, vectors: Float64Array) {
  const k = values.length;
  let residual = 0;
  let orthogonality = 0;
  for (let t = 0; t < k; t++) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += A[i * d + j]! * vectors[t * d + j]!;
      residual = Math.max(residual, Math.abs(s - values[t]! * vectors[t * d + i]!));
    }
    for (let u = 0; u < k; u++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += vectors[t * d + j]! * vectors[u * d + j]!;
      orthogonality = Math.max(orthogonality, Math.abs(s - (t === u ? 1 : 0)));
    }
  }
  return { residual, orthogonality };
}

describe("symmetricEigen", () => {
  it("decomposes the covariance of a random 200×12 matrix like Jacobi rotations do", () => {
    const n = 200;
    const d = 12;
    const rng = createRng(7);
    // Columns with different scales, so the spectrum is spread out.
    const X = Float64Array.from({ length: n * d }, (_, i) => rng.normal() * (1 + (i % d)));
    const C = covariance(X, n, d);
    const { values, vectors, spectrum } = symmetricEigen(C, d, d);
    const { residual, orthogonality } = check(C, d, values, vectors);
    expect(residual).toBeLessThan(1e-8);
    expect(orthogonality).toBeLessThan(1e-12);
    const reference = jacobiEigenvalues(C, d);
    for (let i = 0; i < d; i++) {
      expect(Math.abs(spectrum[i]! - reference[i]!)).toBeLessThan(1e-10 * reference[0]!);
      expect(values[i]).toBe(spectrum[i]);
    }
  });

  it("handles indefinite matrices and returns the k largest, descending", () => {
    const d = 60;
    const A = randomSymmetric(d, 3);
    const { values, vectors, spectrum } = symmetricEigen(A, d, 5);
    expect(values.length).toBe(5);
    expect(vectors.length).toBe(5 * d);
    const { residual, orthogonality } = check(A, d, values, vectors);
    expect(residual).toBeLessThan(1e-12);
    expect(orthogonality).toBeLessThan(1e-12);
    const reference = jacobiEigenvalues(A, d);
    for (let i = 0; i < d; i++) expect(spectrum[i]).toBeCloseTo(reference[i]!, 10);
    expect(spectrum[d - 1]).toBeLessThan(0);
  });

  it("keeps eigenvectors of a repeated eigenvalue orthonormal", () => {
    // Q diag(5, 5, 5, 1, 0, …) Qᵀ for a random orthogonal Q (Householder).
    const d = 20;
    const rng = createRng(11);
    const h = Float64Array.from({ length: d }, () => rng.normal());
    const hh = h.reduce((s, x) => s + x * x, 0);
    const lambda = Array.from({ length: d }, (_, i) => (i < 3 ? 5 : i === 3 ? 1 : 0));
    const A = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        // Q = I − 2 h hᵀ / hᵀh; A = Σ_m λ_m q_m q_mᵀ
        let s = 0;
        for (let m = 0; m < d; m++) {
          const qim = (i === m ? 1 : 0) - (2 * h[i]! * h[m]!) / hh;
          const qjm = (j === m ? 1 : 0) - (2 * h[j]! * h[m]!) / hh;
          s += lambda[m]! * qim * qjm;
        }
        A[i * d + j] = s;
      }
    const { values, vectors } = symmetricEigen(A, d, 4);
    for (const [i, want] of [5, 5, 5, 1].entries()) expect(values[i]).toBeCloseTo(want, 12);
    const { residual, orthogonality } = check(A, d, values, vectors);
    expect(residual).toBeLessThan(1e-12);
    expect(orthogonality).toBeLessThan(1e-12);
  });

  it("handles 1×1, 2×2, diagonal and zero matrices", () => {
    expect(Array.from(symmetricEigen(Float64Array.of(-3), 1).vectors)).toEqual([1]);
    const two = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
    expect(two.values[0]).toBeCloseTo(3, 14);
    expect(two.values[1]).toBeCloseTo(1, 14);
    expect(two.vectors[0]).toBeCloseTo(Math.SQRT1_2, 14);
    expect(two.vectors[1]).toBeCloseTo(Math.SQRT1_2, 14);
    const diagonal = symmetricEigen(Float64Array.of(1, 0, 0, 0, 4, 0, 0, 0, 2), 3);
    expect(Array.from(diagonal.values)).toEqual([4, 2, 1]);
    expect(Array.from(diagonal.vectors)).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const zero = symmetricEigen(new Float64Array(16), 4, 2);
    expect(Array.from(zero.values)).toEqual([0, 0]);
    expect(check(new Float64Array(16), 4, zero.values, zero.vectors).orthogonality).toBe(0);
  });

  it("is deterministic, with each vector's largest entry positive", () => {
    const d = 30;
    const A = randomSymmetric(d, 5);
    const a = symmetricEigen(A, d, 6);
    const b = symmetricEigen(A, d, 6);
    expect(a.vectors).toEqual(b.vectors);
    for (let t = 0; t < 6; t++) {
      const v = Array.from(a.vectors.subarray(t * d, (t + 1) * d));
      const largest = v.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      expect(largest).toBeGreaterThan(0);
    }
  });

  it("fixSign flips on a negative largest entry and prefers the first on ties", () => {
    const u = Float64Array.of(0.5, -0.8, 0.3);
    fixSign(u);
    expect(Array.from(u)).toEqual([-0.5, 0.8, -0.3]);
    const tie = Float64Array.of(-Math.SQRT1_2, Math.SQRT1_2);
    fixSign(tie);
    expect(Array.from(tie)).toEqual([Math.SQRT1_2, -Math.SQRT1_2]);
  });

  it("rejects bad shapes and k", () => {
    expect(() => symmetricEigen(new Float64Array(5), 2)).toThrow(/2×2/);
    expect(() => symmetricEigen(new Float64Array(4), 2, 3)).toThrow(/k must be/);
  });
});
