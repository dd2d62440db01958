// Coverage counters for properties (QuickCheck's `cover`): a property names the interesting cases
// its generator must reach and the least share of runs that must reach each; after `fc.assert` the
// counter fails the test when a case is reached less often. "≥ 1,000 runs" counts generated
// inputs; this counts the runs that exercise what the law is about. JIRITSU_COVERAGE_REPORT=1
// prints every property's shares.
import fc from "fast-check"
import { expect } from "vitest"

/**
 * In mutation mode (JIRITSU_MUTATION=1) properties run about 100 times instead of 1,000, so a
 * share is measured ten times less precisely: there a case must reach half its stated share.
 */
const mutationMode = process.env.JIRITSU_MUTATION === "1"
const slack = mutationMode ? 0.5 : 1

/**
 * The run count for a property that states its own (`{ numRuns: runs(600) }`): the stated count
 * in a test run; in mutation mode the same share of mutation mode's runs (JIRITSU_MUTATION_RUNS,
 * default 100, stand for 1,000), so a property that asks for 2,500 runs costs 250 per mutant, not 2,500.
 */
export const runs = (stated: number): number => {
  if (!mutationMode) return stated
  // The workspace's setup has already read JIRITSU_MUTATION_RUNS into fast-check's global run count.
  const base = fc.readConfigureGlobal().numRuns ?? 100
  return Math.max(1, Math.round((stated * base) / 1000))
}

/**
 * A floor on a count that a property states for its own run count (`stated`), scaled to the runs
 * it makes: the stated count in a test run; in mutation mode the share `runs` keeps, halved like
 * every share there. `expect(undetermined).toBeGreaterThan(atLeast(300, 2000))`.
 */
export const atLeast = (count: number, stated: number): number => (count * runs(stated) * slack) / stated

export interface Coverage<L extends string> {
  /** Call once per run (at the top of the predicate). */
  readonly run: () => void
  /** Marks that this run reached a case (counted at most once per run). */
  readonly hit: (label: L, reached?: boolean) => void
  /** The share of runs that reached each case, for messages. */
  readonly shares: () => Readonly<Record<L, number>>
  /** Fails unless every case was reached by at least its share of the runs. */
  readonly check: () => void
}

/** `coverage({ merges: 0.3 })`: at least 30 % of runs must call `hit("merges")`. */
export const coverage = <L extends string>(minimum: Readonly<Record<L, number>>): Coverage<L> => {
  const labels = Object.keys(minimum) as Array<L>
  let runs = 0
  let current = new Set<L>()
  const counts = new Map<L, number>(labels.map((l) => [l, 0]))
  const flush = () => {
    for (const l of current) counts.set(l, counts.get(l)! + 1)
    current = new Set()
  }
  const shares = () => {
    flush()
    return Object.fromEntries(labels.map((l) => [l, runs === 0 ? 0 : counts.get(l)! / runs])) as Record<L, number>
  }
  return {
    run: () => {
      flush()
      runs++
    },
    hit: (label, reached = true) => {
      if (reached) current.add(label)
    },
    shares,
    check: () => {
      const s = shares()
      if (process.env.JIRITSU_COVERAGE_REPORT !== undefined) {
        console.log(`coverage (${runs} runs): ${labels.map((l) => `${l} ${(s[l] * 100).toFixed(1)} % (≥ ${(minimum[l] * 100).toFixed(0)} %)`).join(", ")}`)
      }
      expect(runs, "the property ran").toBeGreaterThan(0)
      const short = labels.filter((l) => s[l] < minimum[l] * slack).map((l) => `${l}: ${(s[l] * 100).toFixed(1)} % of ${runs} runs < ${(minimum[l] * 100).toFixed(0)} %`)
      expect(short, "cases the generator must reach").toEqual([])
    }
  }
}
