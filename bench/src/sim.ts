// Simulation benchmark: one million persons of the Kushiro model over 60 months.
//
// jiritsu: `Simulation.run` — columnar typed arrays, one xoshiro128** stream per person, only the
// moves counted as they happen (occupancy follows from them at the end) — returning occupancy by month and state, every move by month and
// transition, and first placements by entry month and duration.
// baseline: the same model written the obvious way, in the same run: one object per person with a
// string stage, rows looked up by group and stage in plain objects, one shared seeded PRNG (the
// bench's mulberry32), occupancy counted per month in a Map — returning occupancy by month and
// state and the number of placements.
// threads: `Simulation.runParallel` on a pool of 2 worker threads started beforehand (each part's
// columns transferred, one message each way per worker), against `Simulation.run` on the calling
// thread, same seed, checked equal.
import { Cohort, Model, Simulation } from "@jiritsu/sim"
import { cpus, loadavg } from "node:os"
import { type BenchCase, machine, median, writeReport } from "./report.ts"
import { prng } from "./prng.ts"

const N = 1_000_000
const MONTHS = 60
const SEED = 20130401
const RUNS = 5
/** Pairs (two threads, then one) for the speed-up. */
const PAIRS = 7

const unwrap = <A>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: { readonly message: string } }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

const spreadOf = (xs: ReadonlyArray<number>) => ({ min: Math.min(...xs), max: Math.max(...xs), runs: xs.length })
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits

// ---------------------------------------------------------------------------------------------
// Baseline: an object per person
// ---------------------------------------------------------------------------------------------

interface Person {
  stage: string
  readonly group: string
  placed: boolean
}

type Rows = Readonly<Record<string, Readonly<Record<string, ReadonlyArray<{ readonly to: string; readonly p: number }>>>>>

const naiveRows = (model: Model.Model): Rows => {
  const out: Record<string, Record<string, Array<{ to: string; p: number }>>> = {}
  for (const profile of Model.profiles(model)) {
    const byStage: Record<string, Array<{ to: string; p: number }>> = {}
    for (const s of Model.states(model)) {
      const p = Model.probabilities(model, s.id, profile, 0)!
      byStage[s.id] = Object.entries(p).filter(([to]) => to !== s.id).map(([to, q]) => ({ to, p: q }))
    }
    out[profile["group"]!] = byStage
  }
  return out
}

const naivePeople = (cohort: Cohort.Cohort, model: Model.Model): Array<Person> => {
  const states = Model.states(model)
  const profiles = Model.profiles(model)
  return Array.from({ length: cohort.size }, (_, i) => ({ stage: states[cohort.stage[i]!]!.id, group: profiles[cohort.profile[i]!]!["group"]!, placed: false }))
}

const naiveRun = (people: Array<Person>, rows: Rows, placementStates: ReadonlySet<string>, exits: ReadonlySet<string>, seed: number) => {
  const rand = prng(seed)
  const occupancy = new Map<string, Array<number>>()
  let placements = 0
  for (let m = 0; m <= MONTHS; m++) {
    for (const person of people) {
      let counts = occupancy.get(person.stage)
      if (counts === undefined) occupancy.set(person.stage, (counts = new Array<number>(MONTHS + 1).fill(0)))
      counts[m]!++
      if (m === MONTHS || exits.has(person.stage)) continue
      const u = rand()
      let acc = 0
      for (const outcome of rows[person.group]![person.stage]!) {
        acc += outcome.p
        if (u < acc) {
          if (placementStates.has(outcome.to) && !placementStates.has(person.stage)) placements++
          person.stage = outcome.to
          break
        }
      }
    }
  }
  return { occupancy, placements }
}

// ---------------------------------------------------------------------------------------------

export async function main(): Promise<void> {
  const startedOn = machine()
  const model = Model.kushiro
  const cohort = unwrap(Cohort.make(model, Cohort.kushiroSpec(N)))
  const host = `${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), load average ${loadavg().map((x) => x.toFixed(1)).join(" / ")}`
  console.log(`sim: ${N.toLocaleString("en")} persons × ${MONTHS} months, ${RUNS} runs per side; ${host}`)

  // jiritsu, one thread: warm up, then time.
  let single = unwrap(Simulation.run(model, cohort, { months: MONTHS, seed: SEED }))
  const jiritsuMs: Array<number> = [], jiritsuCpu: Array<number> = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now(), c0 = process.cpuUsage()
    single = unwrap(Simulation.run(model, cohort, { months: MONTHS, seed: SEED }))
    const c = process.cpuUsage(c0)
    jiritsuCpu.push((c.user + c.system) / 1000)
    jiritsuMs.push(performance.now() - t0)
  }
  console.log(`  jiritsu one thread: ${jiritsuMs.map((x) => x.toFixed(0)).join(", ")} ms`)

  // Two worker threads, pool started (and warmed) beforehand; measured before the baseline, whose
  // million objects per run leave a large heap for the garbage collector's threads to work on.
  const pool = Simulation.makePool(2)
  const coldStart = performance.now()
  unwrap(await Simulation.runParallel(model, cohort, { months: MONTHS, seed: SEED, pool }))
  const coldMs = performance.now() - coldStart
  const parallelMs: Array<number> = [], parallelCpu: Array<number> = [], singleMs: Array<number> = []
  let same = true
  for (let i = 0; i < PAIRS; i++) {
    const t0 = performance.now(), c0 = process.cpuUsage()
    const p = unwrap(await Simulation.runParallel(model, cohort, { months: MONTHS, seed: SEED, pool }))
    const c = process.cpuUsage(c0)
    parallelMs.push(performance.now() - t0)
    parallelCpu.push((c.user + c.system) / 1000)
    same &&= Simulation.equals(p, single)
    const t1 = performance.now()
    unwrap(Simulation.run(model, cohort, { months: MONTHS, seed: SEED }))
    singleMs.push(performance.now() - t1)
  }
  await pool.close()
  if (!same) throw new Error("the 2-thread result differs from the one-thread result")
  // Baseline, same model, same run.
  const rows = naiveRows(model)
  const placementStates = new Set(Model.states(model).filter((s) => s.placement).map((s) => s.id))
  const exits = new Set(Model.states(model).filter((s) => s.kind === "exit").map((s) => s.id))
  const baselineMs: Array<number> = [], baselineCpu: Array<number> = []
  let naive: ReturnType<typeof naiveRun> | undefined
  for (let i = 0; i < RUNS; i++) {
    const people = naivePeople(cohort, model) // materialising the objects is not timed
    const t0 = performance.now(), c0 = process.cpuUsage()
    naive = naiveRun(people, rows, placementStates, exits, SEED + i)
    const c = process.cpuUsage(c0)
    baselineCpu.push((c.user + c.system) / 1000)
    baselineMs.push(performance.now() - t0)
    console.log(`  baseline run ${i + 1}: ${baselineMs[i]!.toFixed(0)} ms`)
  }
  // Same model, so the same distribution: the final employed counts agree within sampling noise.
  const employedJiritsu = Simulation.occupancy(single)[MONTHS]!.counts["employed"]!
  const employedNaive = naive!.occupancy.get("employed")![MONTHS]!
  const agreement = Math.abs(employedJiritsu - employedNaive) / Math.sqrt(employedJiritsu)

  const speedups = singleMs.map((s, i) => s / parallelMs[i]!)
  console.log(`  two threads: ${parallelMs.map((x) => x.toFixed(0)).join(", ")} ms (one thread alongside: ${singleMs.map((x) => x.toFixed(0)).join(", ")} ms)`)

  const cases: Array<BenchCase> = [
    {
      case: "1M-x-60",
      unit: "ms",
      higherIsBetter: false,
      results: { jiritsu: round(median(jiritsuMs)), baseline: round(median(baselineMs)) },
      spread: { jiritsu: spreadOf(jiritsuMs.map((x) => round(x))), baseline: spreadOf(baselineMs.map((x) => round(x))) },
      cpu: { jiritsu: round(median(jiritsuCpu)), baseline: round(median(baselineCpu)) },
      cpuSpread: { jiritsu: spreadOf(jiritsuCpu.map((x) => round(x))), baseline: spreadOf(baselineCpu.map((x) => round(x))) },
      note:
        `wall clock (cpu: process CPU time of the same runs), one thread, medians of ${RUNS} runs after a warm-up. ${N.toLocaleString("en")} persons of the Kushiro model (Cohort.kushiroSpec, 2 target groups, 8 states), ${MONTHS} months. ` +
        "jiritsu = Simulation.run: typed arrays, one xoshiro128** stream per person, returns occupancy by profile/month/state, moves by profile/month/transition and first placements by entry month and duration. " +
        "baseline = one object per person (string stage), rows in plain objects, one shared mulberry32 PRNG, occupancy counted per person-month in a Map; returns occupancy by month and state and placements (objects built before timing). " +
        `Same model: final 'employed' ${employedJiritsu} vs ${employedNaive} (${agreement.toFixed(1)} √n apart). Host: ${host}`
    },
    {
      case: "threads",
      unit: "×",
      higherIsBetter: true,
      results: { jiritsu: round(median(speedups), 2) },
      spread: { jiritsu: spreadOf(speedups.map((x) => round(x, 2))) },
      note:
        `speed-up of Simulation.runParallel on a pool of 2 worker threads (started and warmed before timing; a cold first run took ${coldMs.toFixed(0)} ms) over Simulation.run on the calling thread, ` +
        `same 1M × ${MONTHS} run and seed, alternating, ${PAIRS} pairs, measured before the baseline runs; median of the pairwise ratios. Medians: 2 threads ${median(parallelMs).toFixed(0)} ms wall, ${median(parallelCpu).toFixed(0)} ms CPU of the process (all threads); 1 thread ${median(singleMs).toFixed(0)} ms; results checked equal. Host: ${host}`
    }
  ]
  writeReport("sim", cases, startedOn)
}

if (import.meta.url === `file://${process.argv[1]}`) await main()
