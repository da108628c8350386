import { describe, expect, it } from "vitest";
import { crossValidate, fit, keepRules, keepTarget, predictProba } from "./logistic";
import { createRng } from "./random";

/** n×d standard-normal features; y = 1 when x·u + noise > 0 (u random). */
function dataset(n: number, d: number, seed: number, noise = 0, margin = 0) {
  const rng = createRng(seed);
  const u = Array.from({ length: d }, () => rng.normal());
  const X = new Float32Array(n * d);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; ) {
    const x = Array.from({ length: d }, () => rng.normal() * 2 + 3);
    const t = x.reduce((s, xi, i) => s + (xi - 3) * u[i]!, 0) + noise * rng.normal();
    if (Math.abs(t) < margin) continue; // keep a gap between the classes
    X.set(x, r * d);
    y[r++] = t > 0 ? 1 : 0;
  }
  return { X, y };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

describe("fit / predictProba", () => {
  it("separates separable data", () => {
    const { X, y } = dataset(400, 20, 1, 0, 1);
    const model = fit(X, 400, 20, y);
    const p = predictProba(model, X, 400);
    expect(p.every((pi, i) => (pi >= 0.5 ? 1 : 0) === y[i])).toBe(true);
    expect(p.every((pi) => pi > 0 && pi < 1)).toBe(true);
    const cv = crossValidate(X, 400, 20, y, { folds: 5, seed: 1 });
    expect(cv.accuracy).toBeGreaterThan(0.97);
  });

  it("matches a Newton solve of the same 1-D problem and is stationary there", () => {
    const n = 300;
    const { X, y } = dataset(n, 1, 2, 1.5); // overlapping classes: a finite optimum
    const lambda = 0.05;
    const model = fit(X, n, 1, y, { lambda, tol: 1e-12 });

    // Reference: standardise by hand and run Newton on (w, b) with the exact 2×2 Hessian.
    const x = Array.from(X);
    const mean = x.reduce((s, v) => s + v, 0) / n;
    const std = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
    const z = x.map((v) => (v - mean) / std);
    let [w, b] = [0, 0];
    const gradient = (w: number, b: number) => {
      let [gw, gb, hww, hwb, hbb] = [lambda * w, 0, lambda, 0, 0];
      z.forEach((zi, i) => {
        const p = sigmoid(w * zi + b);
        gw += ((p - y[i]!) * zi) / n;
        gb += (p - y[i]!) / n;
        const s = (p * (1 - p)) / n;
        hww += s * zi * zi;
        hwb += s * zi;
        hbb += s;
      });
      return { gw, gb, hww, hwb, hbb };
    };
    for (let i = 0; i < 50; i++) {
      const { gw, gb, hww, hwb, hbb } = gradient(w, b);
      const det = hww * hbb - hwb * hwb;
      w -= (hbb * gw - hwb * gb) / det;
      b -= (hww * gb - hwb * gw) / det;
    }
    expect(model.mean[0]).toBeCloseTo(mean, 5);
    expect(model.std[0]).toBeCloseTo(std, 5);
    expect(model.w[0]).toBeCloseTo(w, 8);
    expect(model.b).toBeCloseTo(b, 8);
    const atFit = gradient(model.w[0]!, model.b);
    expect(Math.abs(atFit.gw)).toBeLessThan(1e-10);
    expect(Math.abs(atFit.gb)).toBeLessThan(1e-10);
  });

  it("is stationary on a 200 × 30 problem and predicts σ(b + w·standardised x)", () => {
    const n = 200;
    const d = 30;
    const { X, y } = dataset(n, d, 3, 2);
    const lambda = 1e-2;
    const model = fit(X, n, d, y, { lambda, tol: 1e-9 });
    const p = predictProba(model, X, n);
    const gw = Array.from(model.w, (wi) => lambda * wi);
    for (let r = 0; r < n; r++) {
      let s = model.b;
      for (let i = 0; i < d; i++) s += (model.w[i]! * (X[r * d + i]! - model.mean[i]!)) / model.std[i]!;
      expect(p[r]).toBeCloseTo(sigmoid(s), 12);
      for (let i = 0; i < d; i++) gw[i]! += ((p[r]! - y[r]!) * (X[r * d + i]! - model.mean[i]!)) / model.std[i]! / n;
    }
    expect(Math.max(...gw.map(Math.abs))).toBeLessThan(1e-8);
  });

  it("gives a constant column weight 0 and rejects one-class or malformed input", () => {
    const X = Float32Array.of(1, 5, 2, 5, 3, 5, 4, 5);
    const model = fit(X, 4, 2, Uint8Array.of(0, 0, 1, 1));
    expect(model.std[1]).toBe(1);
    expect(model.w[1]).toBe(0);
    expect(() => fit(X, 4, 2, Uint8Array.of(1, 1, 1, 1))).toThrow(/both classes/);
    expect(() => fit(X, 4, 2, Uint8Array.of(0, 2, 1, 1))).toThrow(/0 or 1/);
    expect(() => fit(X, 4, 2, Uint8Array.of(0, 1))).toThrow(/expected 4/);
    expect(() => fit(X, 3, 2, Uint8Array.of(0, 1, 1))).toThrow(/expected n·d = 6/);
    expect(() => fit(Float32Array.of(1, 2, Infinity, 4), 2, 2, Uint8Array.of(0, 1))).toThrow(/NaN or infinite/);
    expect(() => predictProba(model, new Float32Array(3), 2)).toThrow(/expected n·d = 4/);
  });

  it("fits 500 × 1,000 features well under a second", () => {
    const { X, y } = dataset(500, 1000, 4, 3);
    const start = performance.now();
    fit(X, 500, 1000, y);
    const seconds = (performance.now() - start) / 1000;
    console.log(`logistic fit 500 × 1,000: ${seconds.toFixed(2)} s`);
    expect(seconds).toBeLessThan(1.5); // head-room for a busy shared machine
  });
});

describe("crossValidate", () => {
  const n = 203;
  const d = 5;
  const { X, y } = dataset(n, d, 5, 1.5);

  it("pools the folds into one confusion matrix over all n examples", () => {
    const cv = crossValidate(X, n, d, y, { folds: 5, seed: 7 });
    const [[tn, fp], [fn, tp]] = cv.confusion;
    expect(tn + fp + fn + tp).toBe(n);
    expect(tp + fn).toBe(y.reduce((s, v) => s + v, 0));
    expect(cv.accuracy).toBeCloseTo((tp + tn) / n, 14);
    expect(cv.precision).toBeCloseTo(tp / (tp + fp), 14);
    expect(cv.recall).toBeCloseTo(tp / (tp + fn), 14);
    expect(cv.accuracy).toBeGreaterThan(0.7);
    expect(cv.folds).toHaveLength(5);
    expect(cv.folds.reduce((s, f) => s + f.n, 0)).toBe(n);
    // Stratified: fold sizes and positives per fold differ by at most one.
    const sizes = cv.folds.map((f) => f.n);
    const positives = cv.folds.map((f) => f.confusion[1][0] + f.confusion[1][1]);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
  });

  it("is deterministic for a seed", () => {
    const a = crossValidate(X, n, d, y, { folds: 4, seed: 11 });
    expect(crossValidate(X, n, d, y, { folds: 4, seed: 11 })).toEqual(a);
    const sizes = (seed: number) => crossValidate(X, n, d, y, { folds: 4, seed }).folds.map((f) => f.confusion);
    expect([1, 2, 3].map(sizes)).not.toEqual([1, 1, 1].map(sizes));
  });

  it("reports NaN precision when nothing is predicted positive, and rejects too few examples", () => {
    // One positive far inside the negatives: never predicted positive.
    const Xs = Float32Array.from({ length: 20 }, (_, i) => i % 10);
    const ys = Uint8Array.from({ length: 20 }, (_, i) => (i === 4 || i === 15 ? 1 : 0));
    const cv = crossValidate(Xs, 20, 1, ys, { folds: 2, seed: 1 });
    expect(cv.confusion[0][1] + cv.confusion[1][1]).toBe(0);
    expect(cv.precision).toBeNaN();
    expect(cv.recall).toBe(0);
    expect(() => crossValidate(Xs, 20, 1, Uint8Array.from({ length: 20 }, (_, i) => (i === 3 ? 1 : 0)))).toThrow(/at least 2 examples of each class/);
    expect(() => crossValidate(Xs, 20, 1, ys, { folds: 1 })).toThrow(/folds must be/);
  });
});

describe("keep rules", () => {
  it("turns 0/1/2 labels into the keep = {2} and keep = {1, 2} targets", () => {
    const { keep2, keep12 } = keepRules([2, 1, 0, 2, 1]);
    expect(Array.from(keep2)).toEqual([1, 0, 0, 1, 0]);
    expect(Array.from(keep12)).toEqual([1, 1, 0, 1, 1]);
    expect(Array.from(keepTarget(Int8Array.of(3, 0, 1), [0, 3]))).toEqual([1, 1, 0]);
    expect(() => keepRules([2, 5])).toThrow(/got 5/);
  });
});
