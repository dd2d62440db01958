// Targets benchmark: a fiscal-year plan report over 10M events.
//
// jiritsu: the events in columns (typed arrays), `Target.reportColumns` (compile the plan's
// queries, fold the rows — in chunks combined by the monoid — read the answers).
// baseline: the same report written by hand as a per-event fold over plain event objects (string
// dates, person and employer ids), building only what the report needs — a count and month counts
// for event counts, one Set for a distinct count — in the same run. The objects are materialised a
// million at a time (not timed) so the baseline's memory stays bounded; only its fold is timed.
import { Metric, Period, Target } from "@jiritsu/core"
import { cpus } from "node:os"
import { Worker } from "node:worker_threads"
import { machine, measured, milliseconds, type Samples, samplesOf, timeAsync, timeSync, writeReport } from "./report.ts"
import { prng } from "./prng.ts"

const N = 10_000_000
const PEOPLE = 1_000_000
const EMPLOYERS = 20_000
const SITES = 20
const GROUPS = ["welfare_recipient", "single_parent", "child_rearing_allowance_recipient", "needy_person", "youth", "older_worker_55", "homework_seeker", "general_job_seeker"]
const FY = Period.unsafeFiscalYear(2013)
const AS_OF = Period.unsafeDate("2014-03-31")


/** Kind weights, in `Metric.eventKinds` order: counselling contacts dominate, as at Shinagawa. */
const KIND_WEIGHTS = [0.6, 0.05, 0.04, 0.04, 0.06, 0.02, 0.01, 0.06, 0.06, 0.06]

const generateColumns = (seed: number): Metric.MetricColumns => {
  const rand = prng(seed)
  const cumulative = KIND_WEIGHTS.map((_, i) => KIND_WEIGHTS.slice(0, i + 1).reduce((a, b) => a + b, 0))
  const fyStart = Period.toDayNumber(Period.fiscalYearWindow(FY).from)
  // Shared memory, so worker threads fold the same columns without copying them.
  const shared = <T>(make: new (b: SharedArrayBuffer) => T, bytes: number): T => new make(new SharedArrayBuffer(N * bytes))
  const kind = shared(Uint8Array, 1), day = shared(Int32Array, 4), site = shared(Uint16Array, 2)
  const groups = shared(Uint32Array, 4), person = shared(Uint32Array, 4), employer = shared(Int32Array, 4)
  for (let i = 0; i < N; i++) {
    const r = rand()
    let k = 0
    while (k < cumulative.length - 1 && r >= cumulative[k]!) k++
    kind[i] = k
    // 5 % of rows fall in the months around the year, which the report must leave out.
    day[i] = fyStart - 30 + Math.floor(rand() * 425)
    site[i] = Math.floor(rand() * SITES)
    groups[i] = Math.floor(rand() * 256) & (Math.floor(rand() * 256) | 0x80)
    person[i] = Math.floor(rand() * PEOPLE)
    employer[i] = k === 7 || (k === 4 && rand() < 0.9) ? Math.floor(rand() * EMPLOYERS) : -1
  }
  return {
    length: N,
    kind,
    day,
    site,
    groups,
    person,
    employer,
    sites: Array.from({ length: SITES }, (_, i) => `site_${i}`),
    targetGroups: GROUPS,
    personCount: PEOPLE,
    employerCount: EMPLOYERS
  }
}

const fyTarget = (id: string, metric: string, basis: Target.Basis, value: number, extra: Partial<Target.Target> = {}): Target.Target =>
  Target.fiscalYearTarget({ id, label: { ja: id, en: id }, metric, comparator: ">=", value, basis, fiscalYear: FY, ...extra })

/** A prefecture-wide plan: the Shinagawa lines plus distinct counts and the placement rate. */
const plan: Target.Plan = {
  id: "bench",
  label: { ja: "ベンチマーク計画", en: "benchmark plan" },
  fiscalYear: FY,
  targets: [
    fyTarget("counselling", "consultations", "monthly-average", 400_000),
    fyTarget("placements", "placements", "annual-total", 500_000),
    fyTarget("welfare_counselling", "consultations", "monthly-average", 150_000, { filter: { targetGroups: ["welfare_recipient", "single_parent", "child_rearing_allowance_recipient"] } }),
    fyTarget("homework", "homework_contacts", "annual-total", 1_000_000, { breakdown: { metric: "homework_brokerings", label: { ja: "あっ旋", en: "brokered" } } }),
    fyTarget("employers", "employer_contacts", "annual-total", 500_000),
    fyTarget("companies", "companies", "annual-total", 15_000),
    fyTarget("people", "consultation_people", "annual-total", 900_000, { filter: { sites: ["site_0", "site_1", "site_2", "site_3", "site_4"] } }),
    fyTarget("placement_rate", "placement_rate", "annual-total", 0.67)
  ]
}

// ---------------------------------------------------------------------------------------------
// Baseline: a per-event fold over event objects, written directly
// ---------------------------------------------------------------------------------------------

interface EventObject {
  readonly kind: Metric.MetricEventKind
  readonly personRef: string
  readonly date: string
  readonly site: string
  readonly targetGroups: ReadonlyArray<string>
  readonly employerRef?: string
}

const materialise = (c: Metric.MetricColumns, start: number, end: number): Array<EventObject> => {
  const out: Array<EventObject> = []
  const dates = new Map<number, string>()
  for (let i = start; i < end; i++) {
    let date = dates.get(c.day[i]!)
    if (date === undefined) dates.set(c.day[i]!, (date = Period.fromDayNumber(c.day[i]!)))
    const g: Array<string> = []
    for (let b = 0; b < GROUPS.length; b++) if ((c.groups[i]! >>> b) & 1) g.push(GROUPS[b]!)
    const e = c.employer[i]!
    out.push({
      kind: Metric.eventKinds[c.kind[i]!]!,
      personRef: `p${c.person[i]}`,
      date: `${date}`,
      site: c.sites[c.site[i]!]!,
      targetGroups: g,
      ...(e >= 0 ? { employerRef: `e${e}` } : {})
    })
  }
  return out
}

interface FoldQuery {
  readonly kinds: ReadonlyArray<string>
  readonly counting: Metric.Counting
  readonly groups?: ReadonlyArray<string>
  readonly sites?: ReadonlyArray<string>
  readonly from: string
  readonly until: string
  /** Event counts come with month counts (the report's monthly figures); distinct counts are totals. */
  readonly byMonth: boolean
}

interface FoldAcc {
  count: number
  readonly months: Map<string, number>
  readonly seen: Set<string>
}

const foldQueries = (): ReadonlyArray<FoldQuery> => {
  const w = Period.fiscalYearWindow(FY)
  const base = { from: w.from as string, until: w.until as string }
  const def = (id: string) => Metric.defaultCatalog.metrics.get(id) as Metric.CountMetric
  const q = (id: string, extra: Partial<FoldQuery> = {}): FoldQuery => ({ kinds: def(id).kinds, counting: def(id).counting, byMonth: def(id).counting === "events", ...base, ...extra })
  return [
    q("consultations"),
    q("placements"),
    q("consultations", { groups: ["welfare_recipient", "single_parent", "child_rearing_allowance_recipient"] }),
    q("homework_contacts"),
    q("homework_brokerings", { byMonth: false }),
    q("employer_contacts"),
    q("companies"),
    q("consultation_people", { sites: ["site_0", "site_1", "site_2", "site_3", "site_4"] }),
    q("placed_people"),
    q("employment_support_clients")
  ]
}

const freshAccs = (queries: ReadonlyArray<FoldQuery>): Array<FoldAcc> => queries.map(() => ({ count: 0, months: new Map(), seen: new Set() }))

const objectFold = (events: ReadonlyArray<EventObject>, queries: ReadonlyArray<FoldQuery>, accs: Array<FoldAcc>): void => {
  for (const e of events) {
    for (let j = 0; j < queries.length; j++) {
      const q = queries[j]!
      if (!q.kinds.includes(e.kind) || e.date < q.from || e.date >= q.until) continue
      if (q.groups !== undefined && !e.targetGroups.some((g) => q.groups!.includes(g))) continue
      if (q.sites !== undefined && !q.sites.includes(e.site)) continue
      const acc = accs[j]!
      if (q.counting === "events") {
        acc.count++
        if (q.byMonth) {
          const month = e.date.slice(0, 7)
          acc.months.set(month, (acc.months.get(month) ?? 0) + 1)
        }
      } else {
        const id = q.counting === "people" ? e.personRef : e.employerRef
        if (id !== undefined) acc.seen.add(id)
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parallel: the same report, chunks folded in worker threads and combined by the monoid
// ---------------------------------------------------------------------------------------------

const startWorkers = async (count: number, columns: Metric.MetricColumns): Promise<ReadonlyArray<Worker>> => {
  const workers = Array.from({ length: count }, () => new Worker(new URL("./targets-worker.ts", import.meta.url)))
  await Promise.all(workers.map((w) => new Promise((resolve) => {
    w.once("message", resolve)
    w.postMessage({ columns })
  })))
  return workers
}

const foldIn = (w: Worker, plan: Metric.ColumnPlan, start: number, end: number): Promise<Metric.ColumnTally> =>
  new Promise((resolve) => {
    w.once("message", (t: { counts: Float64Array; bits: Uint32Array }) => resolve({ _tag: "ColumnTally", counts: t.counts, bits: t.bits }))
    w.postMessage({ plan, start, end })
  })

/** `Target.reportColumns`, with the fold split across workers: the public pieces, put together. */
const parallelReport = async (workers: ReadonlyArray<Worker>, columns: Metric.MetricColumns): Promise<Target.PlanReport> => {
  const perTarget = plan.targets.map((t) => Target.targetQueries(t, AS_OF))
  const queries: Array<Metric.MetricQuery> = []
  const index = perTarget.map((q) => ({
    main: q.main === undefined ? -1 : queries.push(q.main) - 1,
    breakdown: q.breakdown === undefined ? -1 : queries.push(q.breakdown) - 1
  }))
  const compiled = unwrap(Metric.compileColumns(queries, columns))
  const size = Math.ceil(columns.length / workers.length)
  const parts = await Promise.all(workers.map((w, i) => foldIn(w, compiled, i * size, Math.min(columns.length, (i + 1) * size))))
  const results = Metric.columnResults(compiled, parts.reduce(Metric.combineColumnTallies))
  return {
    plan,
    asOf: AS_OF,
    heading: { ja: "", en: "" },
    rows: plan.targets.map((t, i) =>
      Target.progressFromResults(t, AS_OF, perTarget[i]!, results[index[i]!.main], index[i]!.breakdown < 0 ? undefined : results[index[i]!.breakdown])
    )
  }
}

// ---------------------------------------------------------------------------------------------

const RUNS = 7

export async function main(): Promise<void> {
  const startedOn = machine()
  console.log(`generating ${N.toLocaleString("en")} events in columns …`)
  const columns = generateColumns(20131031)

  // Calibration: the CPU time of merely streaming the five columns once, on this host, now.
  const floor = timeSync(5, () => streamOnce(columns))

  // The whole report (compile + fold + read) on one core.
  let report: Target.PlanReport | undefined
  const single = timeSync(RUNS, () => {
    report = unwrap(Target.reportColumns(plan, columns, AS_OF))
  }, 2)
  const chunked = timeSync(RUNS, () => {
    unwrap(Target.reportColumns(plan, columns, AS_OF, { chunks: 16 }))
  })
  const workers = await startWorkers(cpus().length, columns)
  let parallel: Target.PlanReport | undefined
  // The first two runs warm the workers up.
  const parallelRuns = await timeAsync(RUNS, async () => {
    parallel = await parallelReport(workers, columns)
  }, 2)
  await Promise.all(workers.map((w) => w.terminate()))
  if (JSON.stringify(parallel!.rows) !== JSON.stringify(report!.rows)) throw new Error("bench: parallel report differs from the one-thread report")
  console.log(Target.renderText(report!))

  // Baseline: the hand-written object fold, a million objects at a time; each repetition folds all
  // 10M with fresh accumulators (materialising is not timed).
  const queries = foldQueries()
  const CHUNK = 1_000_000
  const wall: Array<number> = []
  const cpu: Array<number> = []
  let accs: Array<FoldAcc> = []
  for (let rep = 0; rep < 5; rep++) {
    accs = freshAccs(queries)
    let w = 0
    let c = 0
    for (let start = 0; start < N; start += CHUNK) {
      const objects = materialise(columns, start, Math.min(N, start + CHUNK))
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      objectFold(objects, queries, accs)
      w += performance.now() - t0
      const d = process.cpuUsage(c0)
      c += (d.user + d.system) / 1000
    }
    wall.push(w)
    cpu.push(c)
  }
  const baseline: Samples = samplesOf(wall, cpu)

  // The two must agree before their times mean anything.
  const rows = report!.rows
  const monthlyOf = (acc: FoldAcc) => [...acc.months.values()]
  const check: ReadonlyArray<[string, number, number]> = [
    ["placements", Metric.numberOf(rows[1]!.actual)!, accs[1]!.count],
    ["homework", Metric.numberOf(rows[3]!.actual)!, accs[3]!.count],
    ["homework brokered", Metric.numberOf(rows[3]!.breakdown!)!, accs[4]!.count],
    ["employer contacts", Metric.numberOf(rows[4]!.actual)!, accs[5]!.count],
    ["companies", Metric.numberOf(rows[5]!.actual)!, accs[6]!.seen.size],
    ["people", Metric.numberOf(rows[6]!.actual)!, accs[7]!.seen.size],
    ["counselling total", (rows[0]!.actual as { total: number }).total, accs[0]!.count],
    ["counselling months", rows[0]!.monthly.length, monthlyOf(accs[0]!).length],
    ["placement months", rows[1]!.monthly.reduce((n, m) => n + m.value, 0), monthlyOf(accs[1]!).reduce((a, b) => a + b, 0)],
    ["welfare counselling total", (rows[2]!.actual as { total: number }).total, accs[2]!.count],
    ["placement rate", Metric.numberOf(rows[7]!.actual)!, accs[8]!.seen.size / accs[9]!.seen.size]
  ]
  for (const [name, ours, theirs] of check) {
    if (ours !== theirs) throw new Error(`bench: ${name} differs: jiritsu ${ours}, baseline ${theirs}`)
  }
  console.log(`columnar report and baseline fold agree on every figure (checksum ${sink})`)
  const floorCpu = Math.round(median(floor.cpu))

  const common =
    `FY2013 plan of 8 targets (2 monthly averages, 3 totals, distinct companies, distinct people at 5 sites, placement rate = distinct placed ÷ distinct supported) ` +
    `over ${N.toLocaleString("en")} events of 1M people; jiritsu: Target.reportColumns on typed-array columns → the plan report (per target: actual, monthly figures for event counts, expected, verdict)`
  writeReport(
    "targets",
    [
      measured({
        case: "fy-report-10M-events",
        unit: "ms",
        higherIsBetter: false,
        value: milliseconds,
        cpu: true,
        sides: { jiritsu: single, baseline },
        note:
          `ms, one thread. ${common}, the whole report (compile + fold + read); baseline: a hand-written per-event fold over plain event objects building only what the report needs ` +
          `(a count and month counts for event counts, one Set per distinct count), fold only. Streaming the 5 columns once takes ${floorCpu} ms CPU on this host. Goal: < 300 ms median`
      }),
      measured({
        case: `fy-report-10M-events-${cpus().length}-workers`,
        unit: "ms",
        higherIsBetter: false,
        value: milliseconds,
        sides: { jiritsu: parallelRuns },
        note: `ms wall; the same report with the fold split over ${cpus().length} worker threads sharing the columns (SharedArrayBuffer), tallies combined by the monoid; checked equal to the one-thread report`
      }),
      measured({
        case: "fy-report-10M-events-16-chunks",
        unit: "ms",
        higherIsBetter: false,
        value: milliseconds,
        cpu: true,
        sides: { jiritsu: chunked },
        note: "ms; the same report folded as 16 chunks combined by the monoid (what parallel workers do), sequentially on one core"
      })
    ],
    startedOn
  )
}

const median = (xs: ReadonlyArray<number>): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

let sink = 0
/** Reads every row of the columns the report reads, doing nothing else. */
const streamOnce = (c: Metric.MetricColumns): void => {
  let s = 0
  const kind = c.kind, day = c.day, site = c.site, groups = c.groups, person = c.person
  for (let i = 0; i < c.length; i++) s = (s + kind[i]! + day[i]! + site[i]! + groups[i]! + person[i]!) | 0
  sink ^= s
}


const unwrap = <A>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: unknown }): A => {
  if (r._tag === "Failure") throw new Error(JSON.stringify(r.failure))
  return r.success
}
