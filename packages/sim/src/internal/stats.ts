// Small statistics shared by estimation, comparison and calibration. Every function returns a
// finite number or undefined — never NaN.

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export const normalQuantile = (p: number): number => {
  if (!(p > 0 && p < 1)) return p <= 0 ? -Infinity : Infinity
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
  }
  if (p > 1 - low) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
}

/** The z of a two-sided interval at `level` (0.95 → 1.96). */
export const zOf = (level: number): number => normalQuantile(1 - (1 - level) / 2)

/** Wilson score interval for x successes of n (undefined when n = 0). */
export const wilson = (x: number, n: number, level: number): { readonly lower: number; readonly upper: number } | undefined => {
  if (!(n > 0)) return undefined
  const z = zOf(level)
  const p = x / n
  const denominator = 1 + (z * z) / n
  const centre = (p + (z * z) / (2 * n)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) }
}

/** The q-quantile of sorted values (linear interpolation, type 7); undefined when empty. */
export const quantileSorted = (sorted: ArrayLike<number>, q: number): number | undefined => {
  const n = sorted.length
  if (n === 0) return undefined
  const h = (n - 1) * q
  const lo = Math.floor(h), hi = Math.min(n - 1, lo + 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

/** Rounds to `digits` significant decimals for stable, readable output. */
export const round = (x: number, digits = 6): number => {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
