// Ordering of consent instants. `Period.Instant` allows 0–9 fractional digits, so two instants do
// not sort as plain text ("…:00.5Z" < "…:00Z" as text, but it is later). Every comparison in the
// consent ledger goes through this fixed-width key.

/** Fixed-width sort key of an ISO instant `YYYY-MM-DDTHH:MM:SS(.f{1,9})?Z`. @internal */
export const instantKey = (instant: string): string => {
  const fraction = instant.length > 20 ? instant.slice(20, -1) : ""
  return `${instant.slice(0, 19)}.${fraction.padEnd(9, "0")}`
}

/** -1, 0 or 1 as `a` is before, at or after `b`. @internal */
export const compareInstants = (a: string, b: string): -1 | 0 | 1 => {
  const ka = instantKey(a)
  const kb = instantKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

/** `from <= t < until` on instants. @internal */
export const withinHalfOpen = (t: string, from: string, until: string): boolean =>
  compareInstants(from, t) <= 0 && compareInstants(t, until) < 0
