// Shared measurement and result writer for every bench area: each area writes
// bench/results/<area>.json in the shape
//   {"area","date","node","machine","cases":[{"case","unit","higherIsBetter","results","spread","cpu"?,"cpuSpread"?,"note"}]}
// and prints a table (each peer against jiritsu) to the console.
//
// `results` holds the MEDIAN of the repetitions per side; `spread` the min, max and number of
// repetitions behind it. `cpu` (where given) is the median of the same runs measured in process
// CPU time (user + system, all threads — so garbage-collector and worker threads count), in the
// case's unit. Build cases with `measured(...)` from `timeSync` / `timeAsync` samples; a plain
// `BenchCase` literal (results only) is still accepted.
import { cpus, loadavg } from "node:os"
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export type Unit = "ops/s" | "ms" | "rows/s" | "req/s" | "MB" | "MB/s" | "%" | "×"

/** The spread of one side's repetitions: min and max of the case's value, and how many runs (`measured` always says). */
export interface Spread {
  readonly min: number
  readonly max: number
  readonly runs?: number
}

export interface BenchCase {
  readonly case: string
  readonly unit: Unit
  readonly higherIsBetter: boolean
  /** Median per side: jiritsu under "jiritsu", each peer under its npm name, a hand-written baseline under "baseline". */
  readonly results: Readonly<Record<string, number>>
  /** Min, max and repetitions per side (same keys as `results`). */
  readonly spread?: Readonly<Record<string, Spread>>
  /** Medians in process CPU time (all threads), same unit and keys, where GC or worker threads matter. */
  readonly cpu?: Readonly<Record<string, number>>
  readonly cpuSpread?: Readonly<Record<string, Spread>>
  /** What each side returns and how it was run. */
  readonly note?: string
}

export interface BenchReport {
  readonly area: string
  readonly date: string
  readonly node: string
  /** CPU model, core count and load average when the run started. */
  readonly machine?: string
  readonly cases: ReadonlyArray<BenchCase>
}

// ---------------------------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------------------------

/** The fewest repetitions a case may report (medians of fewer runs are not accepted). */
export const MIN_RUNS = 5

/** Wall-clock and CPU milliseconds of each timed run. */
export interface Samples {
  readonly wall: ReadonlyArray<number>
  readonly cpu: ReadonlyArray<number>
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1000
}

/** Runs `f` `warmup` times untimed, then `runs` times timed (wall clock and process CPU time). */
export const timeSync = (runs: number, f: () => void, warmup = 1): Samples => {
  for (let i = 0; i < warmup; i++) f()
  const wall: Array<number> = []
  const cpu: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    f()
    wall.push(performance.now() - t0)
    cpu.push(cpuMs(c0))
  }
  return { wall, cpu }
}

/** {@link timeSync} with an untimed `setup` before every run (e.g. creating actors), whose result the run gets. */
export const timeSyncWith = <S>(runs: number, setup: () => S, f: (state: S) => void, warmup = 1): Samples => {
  for (let i = 0; i < warmup; i++) f(setup())
  const wall: Array<number> = []
  const cpu: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const state = setup()
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    f(state)
    wall.push(performance.now() - t0)
    cpu.push(cpuMs(c0))
  }
  return { wall, cpu }
}

/** {@link timeSync} for asynchronous work. */
export const timeAsync = async (runs: number, f: () => Promise<void>, warmup = 1): Promise<Samples> => {
  for (let i = 0; i < warmup; i++) await f()
  const wall: Array<number> = []
  const cpu: Array<number> = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await f()
    wall.push(performance.now() - t0)
    cpu.push(cpuMs(c0))
  }
  return { wall, cpu }
}

/** Samples from times measured elsewhere (e.g. inside a worker), wall and CPU in ms. */
export const samplesOf = (wall: ReadonlyArray<number>, cpu: ReadonlyArray<number> = []): Samples => ({ wall, cpu })

/** The better of two modes of one side, run by run (e.g. a peer's sequential and concurrent modes). */
export const fastest = (a: Samples, b: Samples): Samples => (median(a.wall) <= median(b.wall) ? a : b)

export const median = (xs: ReadonlyArray<number>): number => {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** How a run's milliseconds become the case's value. */
export type Measure = (ms: number) => number
/** `count` operations per run, reported per second. */
export const perSecond = (count: number): Measure => (ms) => (count / ms) * 1000
/** Milliseconds per run, as they are. */
export const milliseconds: Measure = (ms) => ms

const round = (unit: Unit, v: number): number =>
  unit === "ops/s" || unit === "rows/s" || unit === "req/s" ? Math.round(v) : v >= 100 ? Math.round(v * 10) / 10 : Math.round(v * 100) / 100

const summarise = (unit: Unit, value: Measure, ms: ReadonlyArray<number>): { readonly median: number; readonly spread: Spread } => {
  if (ms.length < MIN_RUNS) throw new Error(`bench: ${ms.length} repetitions; every case needs at least ${MIN_RUNS}`)
  const values = ms.map(value)
  return { median: round(unit, median(values)), spread: { min: round(unit, Math.min(...values)), max: round(unit, Math.max(...values)), runs: values.length } }
}

/**
 * A case from measured samples: per side, `results` is the median of `value(wall ms)` over the
 * runs and `spread` its min and max; with `cpu: true` the same from CPU milliseconds.
 */
export const measured = (spec: {
  readonly case: string
  readonly unit: Unit
  readonly higherIsBetter: boolean
  readonly value: Measure
  readonly sides: Readonly<Record<string, Samples>>
  readonly cpu?: boolean
  readonly note: string
}): BenchCase => {
  const results: Record<string, number> = {}
  const spread: Record<string, Spread> = {}
  const cpu: Record<string, number> = {}
  const cpuSpread: Record<string, Spread> = {}
  for (const [side, samples] of Object.entries(spec.sides)) {
    const wall = summarise(spec.unit, spec.value, samples.wall)
    results[side] = wall.median
    spread[side] = wall.spread
    if (spec.cpu === true && samples.cpu.length > 0) {
      const c = summarise(spec.unit, spec.value, samples.cpu)
      cpu[side] = c.median
      cpuSpread[side] = c.spread
    }
  }
  return {
    case: spec.case,
    unit: spec.unit,
    higherIsBetter: spec.higherIsBetter,
    results,
    spread,
    ...(spec.cpu === true ? { cpu, cpuSpread } : {}),
    note: spec.note
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "results")

/** The machine a run happened on: CPU model, cores, load average (1 / 5 / 15 min). */
export const machine = (): string => {
  const c = cpus()
  return `${c[0]?.model.trim() ?? "unknown CPU"}, ${c.length} cores, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ")}`
}

export const writeReport = (area: string, cases: ReadonlyArray<BenchCase>, startedOn: string = machine()): BenchReport => {
  const report: BenchReport = { area, date: new Date().toISOString(), node: process.version, machine: startedOn, cases }
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, `${area}.json`), JSON.stringify(report, null, 2) + "\n")
  printTable(report)
  return report
}

const fmt = (n: number): string =>
  n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(2)

/** How many times better jiritsu is than `other` (> 1 means jiritsu wins), whatever the unit's direction; on CPU time with `cpu`. */
export const advantage = (c: BenchCase, other: string, cpu = false): number | undefined => {
  const figures = cpu ? c.cpu : c.results
  const ours = figures?.["jiritsu"]
  const theirs = figures?.[other]
  if (ours === undefined || theirs === undefined || ours === 0 || theirs === 0) return undefined
  return c.higherIsBetter ? ours / theirs : theirs / ours
}

export const printTable = (report: BenchReport): void => {
  console.log(`\n${report.area} — ${report.date} — node ${report.node}${report.machine ? ` — ${report.machine}` : ""}`)
  for (const c of report.cases) {
    console.log(`\n  ${c.case} (${c.unit}, ${c.higherIsBetter ? "higher" : "lower"} is better; median [min–max])${c.note ? ` — ${c.note}` : ""}`)
    for (const [name, value] of Object.entries(c.results)) {
      const s = c.spread?.[name]
      const range = s === undefined ? "" : ` [${fmt(s.min)}–${fmt(s.max)}${s.runs === undefined ? "" : `, ${s.runs} runs`}]`
      const ratio = name === "jiritsu" ? undefined : advantage(c, name)
      const ratioText = name === "jiritsu" ? "" : ratio === undefined ? "  (n/a)" : `  jiritsu ×${ratio.toFixed(2)}`
      const cpu = c.cpu?.[name]
      const cpuRatio = name === "jiritsu" ? undefined : advantage(c, name, true)
      const cpuText = cpu === undefined ? "" : `  | cpu ${fmt(cpu)}${cpuRatio === undefined ? "" : ` ×${cpuRatio.toFixed(2)}`}`
      console.log(`    ${name.padEnd(22)} ${fmt(value).padStart(10)}${range}${ratioText}${cpuText}`)
    }
  }
  console.log("")
}
