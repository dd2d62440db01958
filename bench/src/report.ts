// Shared result writer: every area writes bench/results/<area>.json in the shape of `BenchReport` below
// and prints a ratio table (each peer against jiritsu) to the console.
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export interface BenchCase {
  readonly case: string
  readonly unit: "ops/s" | "ms" | "rows/s"
  readonly higherIsBetter: boolean
  /** jiritsu's figure under "jiritsu", each peer under its npm name, a hand-written baseline under "baseline". */
  readonly results: Readonly<Record<string, number>>
  readonly note?: string
}

export interface BenchReport {
  readonly area: string
  readonly date: string
  readonly node: string
  readonly cases: ReadonlyArray<BenchCase>
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "results")

export const writeReport = (area: string, cases: ReadonlyArray<BenchCase>): BenchReport => {
  const report: BenchReport = { area, date: new Date().toISOString(), node: process.version, cases }
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${area}.json`), JSON.stringify(report, null, 2) + "\n")
  printTable(report)
  return report
}

const fmt = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(2)

/** How many times better jiritsu is than `other` (> 1 means jiritsu wins), whatever the unit's direction. */
export const advantage = (c: BenchCase, other: string): number | undefined => {
  const ours = c.results["jiritsu"]
  const theirs = c.results[other]
  if (ours === undefined || theirs === undefined || ours === 0 || theirs === 0) return undefined
  return c.higherIsBetter ? ours / theirs : theirs / ours
}

export const printTable = (report: BenchReport): void => {
  console.log(`\n${report.area} — ${report.date} — node ${report.node}`)
  for (const c of report.cases) {
    console.log(`\n  ${c.case} (${c.unit}, ${c.higherIsBetter ? "higher" : "lower"} is better)${c.note ? ` — ${c.note}` : ""}`)
    for (const [name, value] of Object.entries(c.results)) {
      const ratio = name === "jiritsu" ? "" : advantage(c, name)
      const ratioText = ratio === "" ? "" : ratio === undefined ? "  (n/a)" : `  jiritsu ×${ratio.toFixed(2)}`
      console.log(`    ${name.padEnd(22)} ${fmt(value).padStart(10)}${ratioText}`)
    }
  }
  console.log("")
}
