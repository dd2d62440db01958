// The Kushiro model (釧路モデル) end to end, in the order a researcher works:
// 1. simulate a caseload over the core's Kushiro graph (worker threads, seeded);
// 2. write what a case management system would hold: the core's case events, every command
//    accepted by the core's decider;
// 3. estimate the monthly transition probabilities back from that log, with bootstrap intervals,
//    and hold them against the probabilities that generated it;
// 4. time in intermediate work (Kaplan–Meier, censored stays);
// 5. a scenario — a Hello Work desk push for welfare recipients — on common random numbers;
// 6. calibration to a published result (Gifu FY2012);
// 7. the run counted as the core's Metric figures for FY2013;
// and write CSV, JSON and SVG files along the way.
import { Metric, Period } from "@jiritsu/core"
import { Calibration, CaseLog, Cohort, Estimate, Model, Panel, Plot, Scenario, Simulation, Survival } from "@jiritsu/sim"
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"

export interface Options {
  /** Where the files go. */
  readonly out: string
  /** Caseload taken on over FY2013 (default 20,000). */
  readonly persons?: number
  /** Of those, how many get a case log and are estimated from (default 3,000). */
  readonly logged?: number
  readonly months?: number
  readonly seed?: number
  readonly workers?: number
  readonly replicates?: number
  readonly log?: (line: string) => void
}

const unwrap = <A>(r: { readonly _tag: "Success"; readonly success: A } | { readonly _tag: "Failure"; readonly failure: { readonly message: string } }): A => {
  if (r._tag === "Failure") throw new Error(r.failure.message)
  return r.success
}

const pct = (v: Metric.MetricValue): string => (v._tag === "Rate" ? `${(v.value * 100).toFixed(1)} %` : `not defined (${v._tag === "NotDefined" ? v.reason : v._tag})`)

export const runKushiro = async (options: Options) => {
  const log = options.log ?? (() => {})
  const persons = options.persons ?? 20_000
  const logged = Math.min(persons, options.logged ?? 3_000)
  const months = options.months ?? 60
  const seed = options.seed ?? 2013
  const replicates = options.replicates ?? 200
  const start = Period.unsafeMonth("2013-04")
  const model = Model.kushiro
  mkdirSync(options.out, { recursive: true })
  const write = (name: string, content: string) => writeFileSync(join(options.out, name), content)

  // 1. Simulate.
  const cohort = unwrap(Cohort.make(model, Cohort.kushiroSpec(persons, { from: 0, until: 12 })))
  const result = unwrap(await Simulation.runParallel(model, cohort, { months, seed, workers: options.workers ?? 2, record: true, perPerson: true }))
  const summary = Simulation.summary(result)
  log(`1. simulated ${persons.toLocaleString("en-US")} people taken on over FY2013, ${months} months, seed ${seed}: placement rate ${pct(summary.placementRate)}, median ${summary.medianMonthsToPlacement ?? "—"} months to placement`)
  write("occupancy.csv", ["month,pending," + Model.states(model).map((s) => s.id).join(","), ...Simulation.occupancy(result).map((o) => [o.month, o.pending, ...Object.values(o.counts)].join(","))].join("\n") + "\n")
  write("occupancy.svg", await Plot.occupancySvg(result))
  write("time-to-placement.svg", await Plot.timeToPlacementSvg([
    { name: "生活保護受給者", result, by: { group: "welfare_recipient" } },
    { name: "生活困窮者", result, by: { group: "needy_person" } }
  ]))

  // 2. The case log of the first `logged` people.
  const part = Cohort.slice(cohort, 0, logged)
  const rows = unwrap(CaseLog.fromSimulation(result, part, { start }))
  write("case-log.jsonl", CaseLog.toJsonLines(rows))
  log(`2. case log: ${rows.length.toLocaleString("en-US")} case events of ${logged.toLocaleString("en-US")} people, every command accepted by the core's decider`)

  // 3. Estimate back, by target group, with bootstrap intervals.
  const asOf = Period.firstDayOf(Period.addMonthsToMonth(start, months))
  const panel = unwrap(Panel.fromCaseEvents(model, rows, { asOf }))
  write("panel.csv", Panel.toCsv(panel))
  write("states.csv", Panel.legend(panel))
  const estimate = unwrap(Estimate.transitions(panel, { by: "group", bootstrap: { replicates, seed: 1 } }))
  let checked = 0, covered = 0, worst = 0
  const lines = ["group,from,to,at_risk,count,p,lower,upper,true_p"]
  for (const g of estimate.groups) {
    for (const row of g.rows) {
      const truth = Model.probabilities(model, row.from, { group: g.level! }, 0)!
      for (const o of row.outcomes) {
        const p = truth[o.to] ?? 0
        lines.push([g.level, row.from, o.to, row.atRisk, o.count, o.p, o.lower ?? "", o.upper ?? "", p].join(","))
        if (row.atRisk < 100) continue
        checked++
        if (o.lower! <= p && p <= o.upper!) covered++
        worst = Math.max(worst, Math.abs(o.p - p))
      }
    }
  }
  write("transitions.csv", lines.join("\n") + "\n")
  log(`3. estimated from the log: ${covered} of ${checked} generating probabilities inside their 95 % bootstrap intervals (${replicates} replicates), largest error ${worst.toFixed(3)}`)

  // 4. Time in intermediate work, both modes together.
  const curves = Survival.timeInStage(panel, { per: "stage" })
  const iw = curves.find((c) => c.id === "intermediate_work")!
  write("time-in-stage.svg", await Plot.survivalSvg(curves))
  log(`4. time in intermediate work: ${iw.curve.n} stays (${iw.curve.n - iw.curve.ended} still going on), median ${iw.curve.median ?? "—"} days [${iw.curve.medianLower ?? "—"}, ${iw.curve.medianUpper ?? "—"}]`)

  // 5. A Hello Work desk push for welfare recipients, on common random numbers.
  const scenario: Scenario.Scenario = {
    id: "desk_push",
    label: "Social life → job search +20 % for welfare recipients",
    labelJa: "生活保護受給者の社会生活自立→求職 2割増",
    steps: [{ _tag: "Scale", from: "social_life", to: "employment", factor: 1.2, when: { group: "welfare_recipient" } }]
  }
  const scenarioModel = unwrap(Scenario.apply(model, scenario))
  const scenarioResult = unwrap(await Simulation.runParallel(scenarioModel, cohort, { months, seed, workers: options.workers ?? 2, perPerson: true }))
  const comparison = unwrap(Scenario.compareResults(result, scenarioResult, cohort))
  const placed = comparison.differences.find((d) => d.measure === "placed")!
  write("comparison.csv", ["measure,baseline,scenario,difference,lower,upper,standard_error,independent_standard_error", ...comparison.differences.map((d) => [d.measure, d.baseline, d.scenario, d.difference, d.lower, d.upper, d.standardError, d.independentStandardError].join(","))].join("\n") + "\n")
  log(`5. scenario "${scenario.labelJa}": placed ${(placed.difference * 100).toFixed(2)} points [${(placed.lower * 100).toFixed(2)}, ${(placed.upper * 100).toFixed(2)}] (se ${(placed.standardError * 100).toFixed(2)}; independent runs would give ${(placed.independentStandardError * 100).toFixed(2)})`)

  // 6. Calibration to Gifu FY2012 (1,090 supported: 303 placed, 112 left public assistance).
  const fit = unwrap(Calibration.fit(model, Calibration.examples.gifu2012))
  log(`6. calibrated to Gifu FY2012: ${fit.parameters.map((p) => `${p.id} ×${p.value.toFixed(3)}`).join(", ")}; fitted ${fit.targets.map((t) => `${t.id} ${t.fittedCount.toFixed(1)} (observed ${t.observedCount})`).join(", ")}`)

  // 7. The run as the core's Metric figures for FY2013 (all people, through the columnar fold).
  const fy = Period.fiscalYearWindow(Period.unsafeFiscalYear(2013))
  const columns = unwrap(Simulation.metricColumns(result, cohort, { start, site: "kushiro", targetGroups: (p) => [p["group"]!] }))
  const plan = unwrap(Metric.compileColumns([{ metric: "placement_rate", filter: { window: fy } }, { metric: "welfare_exits", filter: { window: fy } }, { metric: "consultations", filter: { window: fy } }], columns))
  const [rate, exits, consultations] = Metric.columnResults(plan, Metric.foldColumns(plan, columns))
  log(`7. FY2013 as Metric figures: placement rate ${pct(rate!.value)}, welfare exits ${Metric.numberOf(exits!.value)}, Hello Work consultations ${Metric.numberOf(consultations!.value)}`)

  const report = {
    persons,
    months,
    seed,
    summary,
    logged: { people: logged, events: rows.length },
    estimate: { checked, covered, worst },
    intermediateWork: { stays: iw.curve.n, ended: iw.curve.ended, medianDays: iw.curve.median ?? null },
    scenario: comparison.differences,
    calibration: { parameters: fit.parameters, targets: fit.targets },
    fy2013: { placementRate: rate!.value, welfareExits: exits!.value, consultations: consultations!.value }
  }
  write("report.json", JSON.stringify(report, null, 2) + "\n")
  return report
}
