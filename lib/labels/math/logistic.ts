// The filter model (reference-pipeline.md, "Figure filtering"): L2-regularised
// logistic regression on standardised image features, trained on the
// clinicians' labels, one binary target per keep rule.
//
// Solver: L-BFGS (10 pairs) with Armijo backtracking, float64 throughout,
// starting from zero, so a fit is deterministic. Newton/IRLS would need the
// d×d Hessian Zᵀ D Z every iteration (n·d² ≈ 2.5·10⁹ multiply-adds at
// 5,000 × 1,000, plus a d³ solve); L-BFGS needs only gradients, 2·n·d each,
// and the L2 term keeps the problem strongly convex so it converges in a few
// hundred of them.

import { createRng, shuffle } from "./random";

export interface LogisticModel {
  /** Feature means and standard deviations used to standardise, length d. */
  mean: Float64Array;
  std: Float64Array;
  /** Weights on the standardised features, length d, and the intercept. */
  w: Float64Array;
  b: number;
}

export interface FitOptions {
  /** L2 strength on the weights (not the intercept), relative to the mean
   * log-loss: minimises mean(loss) + λ/2·‖w‖². Default 1e-2. */
  lambda?: number;
  /** Stop when every gradient component is below this. Default 1e-6. */
  tol?: number;
  maxIter?: number;
}

export function fit(X: Float32Array, n: number, d: number, y: Uint8Array, opts: FitOptions = {}): LogisticModel {
  const { lambda = 1e-2, tol = 1e-6, maxIter = 1000 } = opts;
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 1 || d < 1) throw new Error(`logistic: need n ≥ 1 rows and d ≥ 1 columns, got ${n}×${d}`);
  if (X.length !== n * d) throw new Error(`logistic: X has ${X.length} values, expected n·d = ${n * d}`);
  if (y.length !== n) throw new Error(`logistic: y has ${y.length} targets, expected ${n}`);
  if (!(lambda > 0)) throw new Error("logistic: lambda must be > 0");
  const positives = y.reduce((s, v) => s + v, 0);
  if (!y.every((v) => v === 0 || v === 1)) throw new Error("logistic: targets must be 0 or 1");
  // With one class the unpenalised intercept runs off to ±∞.
  if (positives === 0 || positives === n) throw new Error(`logistic: all ${n} targets are ${y[0]}; a model needs both classes`);

  const { mean, std } = standardisation(X, n, d);
  if (!mean.every(Number.isFinite)) throw new Error("logistic: X contains NaN or infinite values");
  const Z = new Float64Array(n * d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) Z[r * d + i] = (X[r * d + i]! - mean[i]!) / std[i]!;

  const z = new Float64Array(n);
  // θ = [w, b]; returns mean log-loss + λ/2‖w‖², gradient into g.
  const objective = (theta: Float64Array, g: Float64Array): number => {
    const b = theta[d]!;
    let loss = 0;
    for (let r = 0; r < n; r++) {
      let s = b;
      const row = r * d;
      for (let i = 0; i < d; i++) s += Z[row + i]! * theta[i]!;
      z[r] = s;
      loss += softplus(s) - (y[r] ? s : 0);
    }
    g.fill(0);
    let gb = 0;
    for (let r = 0; r < n; r++) {
      const res = (sigmoid(z[r]!) - y[r]!) / n;
      gb += res;
      const row = r * d;
      for (let i = 0; i < d; i++) g[i]! += res * Z[row + i]!;
    }
    let ww = 0;
    for (let i = 0; i < d; i++) {
      g[i]! += lambda * theta[i]!;
      ww += theta[i]! ** 2;
    }
    g[d] = gb;
    return loss / n + 0.5 * lambda * ww;
  };
  const theta = lbfgs(objective, new Float64Array(d + 1), tol, maxIter);
  return { mean, std, w: theta.slice(0, d), b: theta[d]! };
}

/** P(y = 1) for each row of X (n×d). */
export function predictProba(model: LogisticModel, X: Float32Array, n: number): Float64Array {
  const { mean, std, w, b } = model;
  const d = w.length;
  if (X.length !== n * d) throw new Error(`logistic: X has ${X.length} values, expected n·d = ${n * d}`);
  const scaled = w.map((wi, i) => wi / std[i]!);
  const p = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = b;
    for (let i = 0; i < d; i++) s += (X[r * d + i]! - mean[i]!) * scaled[i]!;
    p[r] = sigmoid(s);
  }
  return p;
}

export type Confusion = [[tn: number, fp: number], [fn: number, tp: number]];

export interface Scores {
  accuracy: number;
  /** tp / (tp + fp); NaN when nothing was predicted positive. */
  precision: number;
  /** tp / (tp + fn); NaN when there are no positives. */
  recall: number;
  confusion: Confusion;
}

export interface CrossValidation extends Scores {
  /** Each fold's held-out scores; the totals above pool all folds. */
  folds: (Scores & { n: number })[];
}

/**
 * Stratified k-fold cross-validation: each class is shuffled with `seed` and
 * dealt round-robin into the folds, so every fold has about the same class
 * mix and the same seed gives the same folds. A fold is predicted by a model
 * fitted (standardisation included) on the other folds, positive when
 * P ≥ 0.5.
 */
export function crossValidate(
  X: Float32Array,
  n: number,
  d: number,
  y: Uint8Array,
  opts: FitOptions & { folds?: number; seed?: number } = {},
): CrossValidation {
  const { folds = 5, seed = 0, ...fitOpts } = opts;
  if (!Number.isInteger(folds) || folds < 2 || folds > n) throw new Error(`crossValidate: folds must be a whole number from 2 to n = ${n}, got ${folds}`);
  if (y.length !== n) throw new Error(`crossValidate: y has ${y.length} targets, expected ${n}`);
  const byClass = [0, 1].map((c) => Array.from({ length: n }, (_, i) => i).filter((i) => y[i] === c));
  // Two of each class keep both classes in every training split.
  if (byClass.some((rows) => rows.length < 2)) throw new Error("crossValidate: need at least 2 examples of each class");
  const rng = createRng(seed);
  const fold = new Int32Array(n);
  let next = 0;
  for (const rows of byClass) for (const i of shuffle(rows, rng)) fold[i] = next++ % folds;

  const results: CrossValidation["folds"] = [];
  const total: Confusion = [
    [0, 0],
    [0, 0],
  ];
  for (let f = 0; f < folds; f++) {
    const train = Array.from({ length: n }, (_, i) => i).filter((i) => fold[i] !== f);
    const test = Array.from({ length: n }, (_, i) => i).filter((i) => fold[i] === f);
    const model = fit(rows(X, d, train), train.length, d, Uint8Array.from(train, (i) => y[i]!), fitOpts);
    const p = predictProba(model, rows(X, d, test), test.length);
    const confusion: Confusion = [
      [0, 0],
      [0, 0],
    ];
    test.forEach((i, t) => {
      const truth = y[i]!;
      const predicted = p[t]! >= 0.5 ? 1 : 0;
      confusion[truth]![predicted]! += 1;
      total[truth]![predicted]! += 1;
    });
    results.push({ n: test.length, ...scores(confusion) });
  }
  return { ...scores(total), folds: results };
}

/** Binary targets for a keep rule: 1 where the label is in `keep`. */
export function keepTarget(labels: ArrayLike<number>, keep: readonly number[]): Uint8Array {
  return Uint8Array.from(labels, (l) => (keep.includes(l) ? 1 : 0));
}

/** The reference's two filters: keep = {2} (imaging) and keep = {1, 2}
 * (imaging, or not imaging but interesting). Labels must be 0, 1 or 2. */
export function keepRules(labels: ArrayLike<number>): { keep2: Uint8Array; keep12: Uint8Array } {
  const bad = Array.from(labels).find((l) => l !== 0 && l !== 1 && l !== 2);
  if (bad !== undefined) throw new Error(`keepRules: labels must be 0, 1 or 2, got ${bad}`);
  return { keep2: keepTarget(labels, [2]), keep12: keepTarget(labels, [1, 2]) };
}

function scores([[tn, fp], [fn, tp]]: Confusion): Scores {
  return {
    accuracy: (tp + tn) / (tp + tn + fp + fn),
    precision: tp / (tp + fp),
    recall: tp / (tp + fn),
    confusion: [
      [tn, fp],
      [fn, tp],
    ],
  };
}

function rows(X: Float32Array, d: number, pick: number[]): Float32Array {
  const out = new Float32Array(pick.length * d);
  pick.forEach((r, i) => out.set(X.subarray(r * d, (r + 1) * d), i * d));
  return out;
}

/** Population mean and standard deviation per column; a constant column
 * gets std 1 so it standardises to 0 instead of NaN. */
function standardisation(X: Float32Array, n: number, d: number) {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i]! += X[r * d + i]!;
  for (let i = 0; i < d; i++) mean[i]! /= n;
  for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) std[i]! += (X[r * d + i]! - mean[i]!) ** 2;
  for (let i = 0; i < d; i++) std[i] = Math.sqrt(std[i]! / n) || 1;
  return { mean, std };
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z); // no overflow for very negative z
  return e / (1 + e);
}

/** log(1 + eᶻ) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/**
 * Minimises f from x0 by L-BFGS with Armijo backtracking; f returns the value
 * and writes the gradient. Stops when max |gradient| ≤ tol, after maxIter
 * iterations, or when a line search can no longer decrease f (at rounding
 * level, i.e. converged as far as float64 allows).
 */
function lbfgs(f: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, tol: number, maxIter: number): Float64Array {
  const m = 10;
  const dim = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(dim);
  let fx = f(x, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const p = new Float64Array(dim);
  const alpha = new Array<number>(m).fill(0);
  let xNew = new Float64Array(dim);
  let gNew = new Float64Array(dim);
  for (let iter = 0; iter < maxIter && maxAbs(g) > tol; iter++) {
    // Two-loop recursion: p = −H g with H from the stored pairs.
    p.set(g);
    for (let j = S.length - 1; j >= 0; j--) {
      alpha[j] = rho[j]! * dot(S[j]!, p);
      axpy(-alpha[j]!, Y[j]!, p);
    }
    const last = S.length - 1;
    // Initial Hessian scale sᵀy/yᵀy; before any pair, a step of length 1.
    const gamma = last >= 0 ? 1 / (rho[last]! * dot(Y[last]!, Y[last]!)) : 1 / Math.sqrt(dot(g, g));
    for (let i = 0; i < dim; i++) p[i]! *= gamma;
    for (let j = 0; j <= last; j++) {
      const beta = rho[j]! * dot(Y[j]!, p);
      axpy(alpha[j]! - beta, S[j]!, p);
    }
    for (let i = 0; i < dim; i++) p[i] = -p[i]!;
    const slope = dot(g, p);

    let step = 1;
    let fNew = fx;
    let accepted = false;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < dim; i++) xNew[i] = x[i]! + step * p[i]!;
      fNew = f(xNew, gNew);
      if (fNew <= fx + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;

    const s = new Float64Array(dim);
    const yv = new Float64Array(dim);
    for (let i = 0; i < dim; i++) {
      s[i] = xNew[i]! - x[i]!;
      yv[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, yv);
    if (sy > 1e-12 * dot(yv, yv)) {
      if (S.length === m) {
        S.shift();
        Y.shift();
        rho.shift();
      }
      S.push(s);
      Y.push(yv);
      rho.push(1 / sy);
    }
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    fx = fNew;
  }
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function axpy(a: number, x: Float64Array, y: Float64Array) {
  for (let i = 0; i < y.length; i++) y[i]! += a * x[i]!;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
