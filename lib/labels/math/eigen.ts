// Eigenpairs of a real symmetric matrix (PCA's covariance, d ≈ 1,000).
//
// Method: Householder reduction to tridiagonal form, then implicit QL with
// Wilkinson-style shifts (EISPACK tql2, as in JAMA) for the whole spectrum.
// Accumulating every QL rotation into a d×d matrix costs ~3d³ flops, most of
// it for eigenvectors PCA throws away. Instead the rotations are recorded
// (about d² of them, a few MB) and replayed on just the k wanted unit
// vectors, then the k vectors are mapped back through the Householder
// reflectors: the vectors are the same ones full accumulation would give
// (orthonormal to rounding, clusters included), for O(k·d²) instead of O(d³).
// The reduction itself (~⅔·d³ multiply-adds) is then the only cubic step.

export interface SymmetricEigen {
  /** The k largest eigenvalues, descending. */
  values: Float64Array;
  /** k×d row-major unit eigenvectors, row i for values[i]; each row's
   * largest-|value| entry is positive, so the result is deterministic. */
  vectors: Float64Array;
  /** All d eigenvalues, descending. */
  spectrum: Float64Array;
}

export function symmetricEigen(A: Float64Array, d: number, k = d): SymmetricEigen {
  if (!Number.isInteger(d) || d < 1 || A.length !== d * d) throw new Error(`eigen: expected a ${d}×${d} matrix, got ${A.length} values`);
  if (!Number.isInteger(k) || k < 0 || k > d) throw new Error(`eigen: k must be an integer in [0, ${d}], got ${k}`);
  const a = Float64Array.from(A); // the reduction works in place
  const { diag, off, tau } = tridiagonalise(a, d);
  const rotations = tql(diag, off);

  const order = Array.from({ length: d }, (_, i) => i).sort((x, y) => diag[y]! - diag[x]! || x - y);
  const spectrum = Float64Array.from(order, (i) => diag[i]!);
  const values = spectrum.slice(0, k);
  const vectors = new Float64Array(k * d);
  for (let t = 0; t < k; t++) {
    const u = vectors.subarray(t * d, (t + 1) * d);
    u[order[t]!] = 1;
    rotations.applyTo(u);
    reflectBack(a, d, tau, u);
    fixSign(u);
  }
  return { values, vectors, spectrum };
}

/**
 * Householder tridiagonalisation (the lower triangle of `a` is read and
 * updated). Step i reflects rows/columns i+1.. so that column i below the
 * subdiagonal vanishes: H = I − τ v vᵀ with v[i+1] = 1, and v is kept in row
 * i's (unused) upper triangle for reflectBack. Afterwards A = Q T Qᵀ with
 * Q = H₀ H₁ ⋯ H_{d−3}.
 *
 * Each step's rank-2 update A₂₂ −= v wᵀ + w vᵀ is deferred and fused with
 * the next step's product A₂₂ v, so the matrix streams through the cache
 * once per step instead of twice (the step is memory-bound at d ≈ 1,000).
 */
function tridiagonalise(a: Float64Array, d: number) {
  const diag = new Float64Array(d);
  const off = new Float64Array(d); // off[i] couples i and i+1; off[d−1] = 0
  const tau = new Float64Array(d);
  // The pending update (vp, wp) is zero before the first step.
  let v = new Float64Array(d);
  let p = new Float64Array(d);
  let vp = new Float64Array(d);
  let wp = new Float64Array(d);
  for (let i = 0; i < d - 2; i++) {
    const s = i + 1;
    // Column i must be current before it defines this step's reflector.
    for (let r = i; r < d; r++) a[r * d + i]! -= vp[r]! * wp[i]! + wp[r]! * vp[i]!;
    diag[i] = a[i * d + i]!;
    const alpha = a[s * d + i]!;
    let sigma = 0;
    for (let r = s + 1; r < d; r++) sigma += a[r * d + i]! ** 2;
    let t = 0;
    if (sigma === 0) {
      off[i] = alpha; // already tridiagonal in this column: H = I (v = 0)
      v.fill(0);
    } else {
      // Reflect x onto beta·e₁, beta's sign opposite alpha's to avoid cancellation.
      const norm = Math.sqrt(alpha * alpha + sigma);
      const beta = alpha <= 0 ? norm : -norm;
      t = (beta - alpha) / beta;
      const scale = 1 / (alpha - beta);
      v[s] = 1;
      for (let r = s + 1; r < d; r++) v[r] = a[r * d + i]! * scale;
      for (let r = s; r < d; r++) a[i * d + r] = v[r]!;
      off[i] = beta;
      tau[i] = t;
    }

    // Apply the pending update to A₂₂ and form p = A₂₂ v in the same pass,
    // reading each lower-triangle entry once for both halves of the product.
    // Rows go in pairs so the vector loads are shared by two matrix rows.
    p.fill(0, s);
    let r = s;
    for (; r + 1 < d; r += 2) {
      const row0 = r * d;
      const row1 = row0 + d;
      const v0 = v[r]!, vp0 = vp[r]!, wp0 = wp[r]!;
      const v1 = v[r + 1]!, vp1 = vp[r + 1]!, wp1 = wp[r + 1]!;
      let acc0 = 0;
      let acc1 = 0;
      for (let c = s; c < r; c++) {
        const vc = v[c]!, vpc = vp[c]!, wpc = wp[c]!;
        const a0 = a[row0 + c]! - (vp0 * wpc + wp0 * vpc);
        const a1 = a[row1 + c]! - (vp1 * wpc + wp1 * vpc);
        a[row0 + c] = a0;
        a[row1 + c] = a1;
        acc0 += a0 * vc;
        acc1 += a1 * vc;
        p[c]! += a0 * v0 + a1 * v1;
      }
      // The 2×2 block on the diagonal: a[r][r], a[r+1][r], a[r+1][r+1].
      const d0 = a[row0 + r]! - 2 * vp0 * wp0;
      const x = a[row1 + r]! - (vp1 * wp0 + wp1 * vp0);
      const d1 = a[row1 + r + 1]! - 2 * vp1 * wp1;
      a[row0 + r] = d0;
      a[row1 + r] = x;
      a[row1 + r + 1] = d1;
      p[r]! += acc0 + d0 * v0 + x * v1;
      p[r + 1]! += acc1 + x * v0 + d1 * v1;
    }
    if (r < d) {
      const row = r * d;
      const vr = v[r]!, vpr = vp[r]!, wpr = wp[r]!;
      let acc = 0;
      for (let c = s; c < r; c++) {
        const arc = a[row + c]! - (vpr * wp[c]! + wpr * vp[c]!);
        a[row + c] = arc;
        acc += arc * v[c]!;
        p[c]! += arc * vr;
      }
      const arr = a[row + r]! - 2 * vpr * wpr;
      a[row + r] = arr;
      p[r]! += acc + arr * vr;
    }
    // w = τ p − (τ²/2)(pᵀv) v becomes the next pending update (stored in p).
    let pv = 0;
    for (let r = s; r < d; r++) {
      p[r]! *= t;
      pv += p[r]! * v[r]!;
    }
    const half = 0.5 * t * pv;
    for (let r = s; r < d; r++) p[r]! -= half * v[r]!;
    [vp, v] = [v, vp];
    [wp, p] = [p, wp];
  }
  // The last pending update touches only the trailing 2×2 block.
  for (let r = Math.max(d - 2, 0); r < d; r++) {
    for (let c = Math.max(d - 2, 0); c <= r; c++) a[r * d + c]! -= vp[r]! * wp[c]! + wp[r]! * vp[c]!;
  }
  if (d >= 2) {
    diag[d - 2] = a[(d - 2) * d + d - 2]!;
    off[d - 2] = a[(d - 1) * d + d - 2]!;
  }
  diag[d - 1] = a[d * d - 1]!;
  return { diag, off, tau };
}

/** u ← Q u = H₀ (H₁ (⋯ H_{d−3} u)). */
function reflectBack(a: Float64Array, d: number, tau: Float64Array, u: Float64Array) {
  for (let i = d - 3; i >= 0; i--) {
    const t = tau[i]!;
    if (t === 0) continue;
    const row = i * d;
    let dot = 0;
    for (let r = i + 1; r < d; r++) dot += a[row + r]! * u[r]!;
    dot *= t;
    for (let r = i + 1; r < d; r++) u[r]! -= dot * a[row + r]!;
  }
}

/** Plane rotations recorded by tql, in the order they were applied. */
class Rotations {
  private index = new Int32Array(1024);
  private cos = new Float64Array(1024);
  private sin = new Float64Array(1024);
  private count = 0;

  push(i: number, c: number, s: number) {
    if (this.count === this.index.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T): T => {
        const y = new (x.constructor as new (n: number) => T)(x.length * 2);
        y.set(x);
        return y;
      };
      this.index = grow(this.index);
      this.cos = grow(this.cos);
      this.sin = grow(this.sin);
    }
    this.index[this.count] = i;
    this.cos[this.count] = c;
    this.sin[this.count] = s;
    this.count++;
  }

  /** tql's eigenvector matrix is Z = R₁ R₂ ⋯ R_M, so column j is R₁(⋯(R_M e_j)). */
  applyTo(u: Float64Array) {
    for (let t = this.count - 1; t >= 0; t--) {
      const i = this.index[t]!;
      const c = this.cos[t]!;
      const s = this.sin[t]!;
      const ui = u[i]!;
      const uj = u[i + 1]!;
      u[i] = c * ui + s * uj;
      u[i + 1] = c * uj - s * ui;
    }
  }
}

/**
 * Implicit QL on the tridiagonal (diag, off); diag ends up holding the
 * eigenvalues (unsorted). EISPACK tql2 / JAMA, with the eigenvector
 * accumulation replaced by recording each rotation.
 */
function tql(diag: Float64Array, off: Float64Array): Rotations {
  const n = diag.length;
  const e = off;
  const rotations = new Rotations();
  const eps = 2 ** -52;
  let f = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(diag[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]!) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 100) throw new Error("eigen: QL did not converge");
        // Shift from the leading 2×2 block's eigenvalue nearer diag[l].
        let g = diag[l]!;
        let p = (diag[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        diag[l] = e[l]! / (p + r);
        diag[l + 1] = e[l]! * (p + r);
        const dl1 = diag[l + 1]!;
        let h = g - diag[l]!;
        for (let i = l + 2; i < n; i++) diag[i]! -= h;
        f += h;

        p = diag[m]!;
        let c = 1;
        let c2 = 1;
        let c3 = 1;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * diag[i]! - s * g;
          diag[i + 1] = h + s * (c * g + s * diag[i]!);
          rotations.push(i, c, s);
        }
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        diag[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    diag[l] = diag[l]! + f;
    e[l] = 0;
  }
  return rotations;
}

/** Flip u so that its largest-magnitude entry (the first, on ties) is positive. */
export function fixSign(u: Float64Array) {
  let best = 0;
  for (let i = 1; i < u.length; i++) if (Math.abs(u[i]!) > Math.abs(u[best]!)) best = i;
  if (u[best]! < 0) for (let i = 0; i < u.length; i++) u[i] = -u[i]!;
}
