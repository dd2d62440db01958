/**
 * The command line of @jiritsu/sim (the `./cli` entry): `jiritsu simulate …` and
 * `jiritsu estimate …` through the catalogue's `jiritsu` dispatcher, or `pnpm simulate …` /
 * `pnpm estimate …` at the workspace root.
 *
 * ```
 * jiritsu simulate [--model model.json] [--cohort cohort.json | --size N] [--months 60] [--seed 1]
 *                  [--workers 1] [--scenario scenario.json] [--panel] [--out simulation]
 *                  [--format csv|json|both] [--no-plot] [--lang ja|en] [--quiet]
 * jiritsu estimate <case-log.jsonl | panel.csv> [--model model.json] [--as-of YYYY-MM-DD] [--by covariate]
 *                  [--bootstrap 200] [--seed 1] [--level 0.95] [--off-graph error|keep] [--per state|stage]
 *                  [--out estimate] [--format csv|json|both] [--no-plot] [--lang ja|en] [--quiet]
 * ```
 *
 * `main` takes the subcommand first, as the dispatcher passes it: `main(["simulate", "--months", "12"])`.
 * Given only the arguments after it, `main` reads the subcommand from the process's command line,
 * or infers it (an input file means `estimate`).
 *
 * Long runs show a progress bar on a terminal and plain progress lines otherwise. Exit code 0 on
 * success, 1 when an input is invalid (the message names the file, line or row, and column), 2 on
 * usage errors.
 *
 * @since 0.1.0
 */
import { Period } from "@jiritsu/core"
import { Result } from "effect"
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { basename, join, resolve } from "node:path"
import * as Csv from "./internal/csv.ts"
import { progress, type ProgressSink } from "./internal/progress.ts"
import * as CaseLog from "./CaseLog.ts"
import * as Cohort from "./Cohort.ts"
import * as Estimate from "./Estimate.ts"
import * as Model from "./Model.ts"
import * as Panel from "./Panel.ts"
import * as Plot from "./Plot.ts"
import * as Scenario from "./Scenario.ts"
import * as Simulation from "./Simulation.ts"
import * as Survival from "./Survival.ts"

/**
 * The subcommands this package provides to the `jiritsu` dispatcher. @category cli @since 0.1.0
 * @example
 * ```ts
 * commands.map((c) => c.name) // ["simulate", "estimate"]
 * ```
 */
export const commands: ReadonlyArray<{ readonly name: string; readonly summary: string; readonly summaryJa: string }> = [
  { name: "simulate", summary: "simulate a cohort over a stage model: occupancy by month, time to placement, exits (CSV, JSON, SVG plots)", summaryJa: "段階モデル上のコホートを模擬（月別在籍者数・就職までの期間・退出、CSV・JSON・SVG）" },
  { name: "estimate", summary: "estimate monthly transition probabilities and time in stage from a case event log or an msm panel CSV", summaryJa: "ケース記録またはmsm形式のパネルCSVから月次遷移確率と滞在期間を推定" }
]

/**
 * Where the CLI reads and writes. Defaults: the process's cwd, stdout, stderr. @category cli @since 0.1.0
 * @example
 * ```ts
 * import type { Io } from "@jiritsu/sim/cli"
 * const lines: Array<string> = []
 * const io: Io = { cwd: "/tmp/sim-run", out: (l) => lines.push(l), err: (l) => lines.push(l) } // no progress bar
 * const exitCode = await main(["simulate", "--size", "100", "--months", "12", "--no-plot", "--quiet"], io)
 * ```
 */
export interface Io {
  readonly cwd: string
  readonly out: (line: string) => void
  readonly err: (line: string) => void
  /** Progress output (a bar on a terminal); absent: none. */
  readonly progress?: ProgressSink
}

const defaultIo = (): Io => ({
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  progress: { isTTY: process.stderr.isTTY === true, write: (text) => process.stderr.write(text) }
})

/**
 * Usage text. @category cli @since 0.1.0
 * @example
 * ```ts
 * console.log(usage) // "usage:\n  jiritsu simulate [--model model.json] …"
 * ```
 */
export const usage = [
  "usage:",
  "  jiritsu simulate [--model model.json] [--cohort cohort.json | --size N] [--months 60] [--seed 1]",
  "                   [--workers 1] [--scenario scenario.json] [--panel] [--out simulation]",
  "                   [--format csv|json|both] [--no-plot] [--lang ja|en] [--quiet]",
  "  jiritsu estimate <case-log.jsonl | panel.csv> [--model model.json] [--as-of YYYY-MM-DD] [--by covariate]",
  "                   [--bootstrap 200] [--seed 1] [--level 0.95] [--off-graph error|keep] [--per state|stage]",
  "                   [--out estimate] [--format csv|json|both] [--no-plot] [--lang ja|en] [--quiet]",
  "",
  "  simulate  --model: a model file (default: the built-in Kushiro model with illustrative probabilities);",
  "            --cohort: a cohort file, or --size persons in the Kushiro mix (default 10000);",
  "            --scenario: also run the scenario on common random numbers and compare;",
  "            --panel: also write the simulated panel in msm's layout (panel.csv, states.csv).",
  "            Writes occupancy.csv, flows.csv, time-to-placement.csv, summary.json, occupancy.svg,",
  "            time-to-placement.svg, states.csv (and comparison.csv with --scenario).",
  "  estimate  a JSON Lines case log ({\"stream\", \"event\"} per line; needs --as-of) or a panel CSV",
  "            (subject,time,state[,covariates]). Writes statetable.csv, transitions.csv, time-in-stage.csv,",
  "            panel.csv, states.csv, estimated-model.json, estimate.json, time-in-stage.svg."
].join("\n")

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

interface Spec {
  readonly values: ReadonlyArray<string>
  readonly flags: ReadonlyArray<string>
  readonly positional: number
}

type Parsed = { readonly ok: true; readonly values: Map<string, string>; readonly flags: Set<string>; readonly positional: ReadonlyArray<string> } | { readonly ok: false; readonly problem: string }

const parseArgs = (argv: ReadonlyArray<string>, spec: Spec): Parsed => {
  const values = new Map<string, string>(), flags = new Set<string>(), positional: Array<string> = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === "--") continue
    if (!a.startsWith("--")) {
      positional.push(a)
      continue
    }
    const [name, inline] = a.slice(2).split("=", 2) as [string, string | undefined]
    if (spec.flags.includes(name)) {
      if (inline !== undefined) return { ok: false, problem: `--${name} takes no value` }
      flags.add(name)
    } else if (spec.values.includes(name)) {
      const v = inline ?? argv[++i]
      if (v === undefined || (inline === undefined && v.startsWith("--"))) return { ok: false, problem: `--${name} needs a value` }
      values.set(name, v)
    } else return { ok: false, problem: `unknown option --${name}` }
  }
  if (positional.length > spec.positional) return { ok: false, problem: `unexpected argument ${positional[spec.positional]}` }
  return { ok: true, values, flags, positional }
}

class UsageError extends Error {}
class InputError extends Error {}

const intOption = (values: Map<string, string>, name: string, fallback: number, min: number, max: number): number => {
  const raw = values.get(name)
  if (raw === undefined) return fallback
  const n = Number(raw)
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer in ${min} … ${max}, got ${JSON.stringify(raw)}`)
  return n
}

const choice = <A extends string>(values: Map<string, string>, name: string, options: ReadonlyArray<A>, fallback: A): A => {
  const raw = values.get(name)
  if (raw === undefined) return fallback
  if (!(options as ReadonlyArray<string>).includes(raw)) throw new UsageError(`--${name} is one of ${options.join(", ")}, got ${JSON.stringify(raw)}`)
  return raw as A
}

const readJson = (io: Io, file: string): unknown => {
  const path = resolve(io.cwd, file)
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (e) {
    throw new InputError(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(`${file}: not JSON (${e instanceof Error ? e.message : String(e)})`)
  }
}

const loadModel = (io: Io, file: string | undefined): Model.Model => {
  if (file === undefined) return Model.kushiro
  const r = Model.make(readJson(io, file))
  if (Result.isFailure(r)) throw new InputError(`${file}: ${r.failure.issues.map((i) => i.message).join("\n  ")}`)
  return r.success
}

const writer = (io: Io, dir: string) => {
  const out = resolve(io.cwd, dir)
  mkdirSync(out, { recursive: true })
  const written: Array<string> = []
  return {
    write: (name: string, content: string): void => {
      writeFileSync(join(out, name), content)
      written.push(join(dir, name))
    },
    written
  }
}

const json = (x: unknown): string => JSON.stringify(x, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2) + "\n"

// ---------------------------------------------------------------------------------------------
// simulate
// ---------------------------------------------------------------------------------------------

const simulateSpec: Spec = { values: ["model", "cohort", "size", "months", "seed", "workers", "scenario", "out", "format", "lang"], flags: ["panel", "no-plot", "quiet"], positional: 0 }

const occupancyCsv = (r: Simulation.SimResult): string => {
  const states = Model.states(r.model)
  const header = ["month", "pending", ...states.map((s) => s.id)]
  return Csv.write([header, ...Simulation.occupancy(r).map((o) => [o.month, o.pending, ...states.map((s) => o.counts[s.id]!)])])
}

const statesCsv = (model: Model.Model): string => Csv.write([["state", "id", "label", "labelJa", "kind", "placement"], ...Model.states(model).map((s) => [s.index + 1, s.id, s.label, s.labelJa, s.kind, s.placement ? 1 : 0])])

const flowsCsv = (r: Simulation.SimResult): string =>
  Csv.write([["month", "from", "to", "kind", "placement", "separation", "referral", "count"], ...Simulation.flows(r).map((f) => [f.month, f.transition.from, f.transition.to, f.transition.kind, f.transition.placement ? 1 : 0, f.transition.separation ? 1 : 0, f.transition.referral ?? "", f.count])])

const ttpCsv = (r: Simulation.SimResult): string =>
  Csv.write([["months_since_entry", "newly_placed", "followed", "placed", "share"], ...Simulation.timeToPlacement(r).points.map((p) => [p.duration, p.newlyPlaced, p.followed, p.placed, p.share._tag === "Rate" ? p.share.value : ""])])

const simulate = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const parsed = parseArgs(argv, simulateSpec)
  if (!parsed.ok) throw new UsageError(parsed.problem)
  const { values, flags } = parsed
  const model = loadModel(io, values.get("model"))
  const months = intOption(values, "months", 60, 0, Simulation.MAX_MONTHS)
  const seed = intOption(values, "seed", 1, 0, 0xffffffff)
  const workers = intOption(values, "workers", 1, 1, 256)
  const format = choice(values, "format", ["csv", "json", "both"] as const, "both")
  const lang = choice(values, "lang", ["ja", "en"] as const, "ja")
  if (values.has("cohort") && values.has("size")) throw new UsageError("give --cohort or --size, not both")
  let cohort: Cohort.Cohort
  if (values.has("cohort")) {
    const file = values.get("cohort")!
    const r = Cohort.make(model, readJson(io, file))
    if (Result.isFailure(r)) throw new InputError(`${file}: ${r.failure.message}`)
    cohort = r.success
  } else {
    if (model !== Model.kushiro && values.has("model")) throw new UsageError("with --model, give the cohort with --cohort (the --size mix is for the Kushiro model)")
    cohort = Cohort.unsafeMake(model, Cohort.kushiroSpec(intOption(values, "size", 10_000, 0, 50_000_000)))
  }
  let scenarioModel: Model.Model | undefined
  if (values.has("scenario")) {
    const file = values.get("scenario")!
    const r = Scenario.apply(model, readJson(io, file))
    if (Result.isFailure(r)) throw new InputError(`${file}: ${r.failure.message}`)
    scenarioModel = r.success
  }
  const quiet = flags.has("quiet")
  const runs = scenarioModel === undefined ? 1 : 2
  const bar = progress("simulate", "persons", quiet ? undefined : io.progress)
  let base = 0
  const options = { months, seed, perPerson: scenarioModel !== undefined, record: flags.has("panel"), onProgress: (done: number) => bar.update(base + done, cohort.size * runs) }
  const pool = workers > 1 ? Simulation.makePool(workers) : undefined
  const runOne = async (m: Model.Model): Promise<Simulation.SimResult> => {
    const r = pool === undefined ? Simulation.run(m, cohort, options) : await Simulation.runParallel(m, cohort, { ...options, pool })
    if (Result.isFailure(r)) throw new InputError(r.failure.message)
    base += cohort.size
    return r.success
  }
  let result: Simulation.SimResult, scenarioResult: Simulation.SimResult | undefined
  try {
    result = await runOne(model)
    if (scenarioModel !== undefined) scenarioResult = await runOne(scenarioModel)
  } finally {
    bar.finish()
    await pool?.close()
  }
  const out = writer(io, values.get("out") ?? "simulation")
  const summary: Record<string, unknown> = { model: model.id, cohort: cohort.size, months, seed, workers, summary: Simulation.summary(result) }
  if (format !== "json") {
    out.write("occupancy.csv", occupancyCsv(result))
    out.write("states.csv", statesCsv(model))
    out.write("flows.csv", flowsCsv(result))
    out.write("time-to-placement.csv", ttpCsv(result))
  }
  if (scenarioResult !== undefined) {
    const cmp = Scenario.compareResults(result, scenarioResult, cohort)
    if (Result.isFailure(cmp)) throw new InputError(cmp.failure.message)
    summary["scenario"] = { model: scenarioModel!.id, summary: Simulation.summary(scenarioResult), differences: cmp.success.differences }
    if (format !== "json") {
      out.write("comparison.csv", Csv.write([["measure", "baseline", "scenario", "difference", "lower", "upper", "standard_error", "independent_standard_error"], ...cmp.success.differences.map((d) => [d.measure, d.baseline, d.scenario, d.difference, d.lower, d.upper, d.standardError, d.independentStandardError])]))
    }
  }
  if (format !== "csv") out.write("summary.json", json(summary))
  if (flags.has("panel")) {
    const panel = Panel.fromSimulation(result, cohort)
    if (Result.isFailure(panel)) throw new InputError(panel.failure.message)
    out.write("panel.csv", Panel.toCsv(panel.success))
    if (format === "json") out.write("states.csv", statesCsv(model))
  }
  if (!flags.has("no-plot")) {
    out.write("occupancy.svg", await Plot.occupancySvg(result, { lang }))
    const runsToPlot = [{ name: lang === "ja" ? "基準" : "baseline", result }, ...(scenarioResult === undefined ? [] : [{ name: lang === "ja" ? "シナリオ" : "scenario", result: scenarioResult }])]
    out.write("time-to-placement.svg", await Plot.timeToPlacementSvg(runsToPlot, { lang }))
  }
  const rate = Simulation.placementRate(result)
  io.out(`simulated ${cohort.size.toLocaleString("en-US")} persons × ${months} months (seed ${seed}, ${workers} worker${workers > 1 ? "s" : ""}): placement rate ${rate._tag === "Rate" ? `${(rate.value * 100).toFixed(1)} %` : "not defined"}`)
  for (const f of out.written) io.out(`  wrote ${f}`)
  return 0
}

// ---------------------------------------------------------------------------------------------
// estimate
// ---------------------------------------------------------------------------------------------

const estimateSpec: Spec = { values: ["model", "as-of", "by", "bootstrap", "seed", "level", "off-graph", "per", "out", "format", "lang"], flags: ["no-plot", "quiet"], positional: 1 }

const readPanel = (io: Io, file: string, model: Model.Model, values: Map<string, string>): Panel.Panel => {
  const offGraph = choice(values, "off-graph", ["error", "keep"] as const, "error")
  let text: string
  try {
    text = readFileSync(resolve(io.cwd, file), "utf8")
  } catch (e) {
    throw new InputError(`${file}: cannot read (${e instanceof Error ? e.message : String(e)})`)
  }
  if (/\.csv$/i.test(file)) {
    const r = Panel.fromCsv(model, text, { offGraph })
    if (Result.isFailure(r)) throw new InputError(`${file}:${r.failure.line ?? 0}: ${r.failure.message}`)
    return r.success
  }
  const asOf = values.get("as-of")
  if (asOf === undefined) throw new UsageError("a case log needs --as-of YYYY-MM-DD (the end of observation)")
  if (Result.isFailure(Period.parseDate(asOf))) throw new UsageError(`--as-of ${JSON.stringify(asOf)} is not a date (YYYY-MM-DD)`)
  const lines = CaseLog.parseJsonLines(text)
  if (Result.isFailure(lines)) throw new InputError(`${file}:${lines.failure.line}: not JSON (${lines.failure.message})`)
  const r = Panel.fromCaseEvents(model, lines.success.rows, { asOf: asOf as Period.LocalDate, offGraph })
  if (Result.isFailure(r)) {
    const line = r.failure.row === undefined ? 0 : lines.success.lines[r.failure.row] ?? 0
    throw new InputError(`${file}:${line}: ${r.failure.message.replace(/^row \d+, /, "")} (line ${line}, column ${r.failure.column})`)
  }
  return r.success
}

const estimate = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const parsed = parseArgs(argv, estimateSpec)
  if (!parsed.ok) throw new UsageError(parsed.problem)
  const { values, flags, positional } = parsed
  const file = positional[0]
  if (file === undefined) throw new UsageError("estimate needs an input file (a .jsonl case log or a .csv panel)")
  const model = loadModel(io, values.get("model"))
  const replicates = intOption(values, "bootstrap", 200, 0, 100_000)
  const seed = intOption(values, "seed", 1, 0, 0xffffffff)
  const levelText = values.get("level") ?? "0.95"
  const level = Number(levelText)
  if (!(level > 0 && level < 1)) throw new UsageError(`--level must lie in (0, 1), got ${JSON.stringify(levelText)}`)
  const per = choice(values, "per", ["state", "stage"] as const, "state")
  const format = choice(values, "format", ["csv", "json", "both"] as const, "both")
  const lang = choice(values, "lang", ["ja", "en"] as const, "ja")
  const panel = readPanel(io, file, model, values)
  const by = values.get("by")
  const bar = progress("bootstrap", "replicates", flags.has("quiet") || replicates === 0 ? undefined : io.progress)
  const est = Estimate.transitions(panel, {
    level,
    ...(by === undefined ? {} : { by }),
    ...(replicates === 0 ? {} : { bootstrap: { replicates, seed } }),
    onProgress: (done, total) => bar.update(done, total)
  })
  bar.finish()
  if (Result.isFailure(est)) throw new UsageError(est.failure.message)
  const curves = Survival.timeInStage(panel, { per, level })
  const fitted = Estimate.toModel(est.success, model)
  const out = writer(io, values.get("out") ?? "estimate")
  if (format !== "json") {
    const table = Estimate.statetable(panel)
    out.write("statetable.csv", Csv.write([["from", ...table.states], ...table.states.map((s, i) => [s, ...table.counts[i]!])]))
    out.write(
      "transitions.csv",
      Csv.write([
        ["group", "from", "to", "at_risk", "count", "p", "lower", "upper"],
        ...est.success.groups.flatMap((g) => g.rows.flatMap((r) => r.outcomes.map((o) => [g.level ?? "all", r.from, o.to, r.atRisk, o.count, o.p, o.lower ?? "", o.upper ?? ""])))
      ])
    )
    out.write(
      "time-in-stage.csv",
      Csv.write([["stage", "unit", "time", "at_risk", "ended", "censored", "survival", "lower", "upper"], ...curves.flatMap((c) => c.curve.steps.map((s) => [c.id, c.unit, s.time, s.atRisk, s.ended, s.censored, s.survival, s.lower, s.upper]))])
    )
    out.write("panel.csv", Panel.toCsv(panel))
    out.write("states.csv", Panel.legend(panel))
  }
  if (Result.isSuccess(fitted)) out.write("estimated-model.json", json(fitted.success))
  if (format !== "csv") {
    out.write(
      "estimate.json",
      json({
        input: basename(file),
        subjects: panel.subjects.length,
        observations: panel.state.length,
        estimate: est.success,
        timeInStage: curves.map((c) => ({ id: c.id, labelJa: c.labelJa, unit: c.unit, n: c.curve.n, ended: c.curve.ended, median: c.curve.median ?? null, medianLower: c.curve.medianLower ?? null, medianUpper: c.curve.medianUpper ?? null })),
        ...(Result.isFailure(fitted) ? { modelProblems: fitted.failure.issues } : {})
      })
    )
  }
  if (!flags.has("no-plot")) out.write("time-in-stage.svg", await Plot.survivalSvg(curves, { lang }))
  io.out(`estimated from ${panel.subjects.length.toLocaleString("en-US")} subjects, ${panel.state.length.toLocaleString("en-US")} monthly observations (${est.success.method}${replicates > 0 ? `, ${replicates} replicates, seed ${seed}` : ""})`)
  for (const f of out.written) io.out(`  wrote ${f}`)
  return 0
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

const names: ReadonlyArray<string> = ["simulate", "estimate"]

/**
 * Which subcommand an argument list is for: its first word when that is one of ours; otherwise (a
 * caller that passed only the arguments after the subcommand) the word before them on the
 * process's command line, else `estimate` when an input file is given and `simulate` otherwise.
 */
const commandOf = (argv: ReadonlyArray<string>): { readonly command: string | undefined; readonly rest: ReadonlyArray<string> } => {
  const first = argv[0]
  if (first !== undefined && (names.includes(first) || first === "help" || first === "--help")) return { command: first, rest: argv.slice(1) }
  const tail = process.argv.slice(process.argv.length - argv.length)
  const before = process.argv[process.argv.length - argv.length - 1]
  if (before !== undefined && names.includes(before) && tail.every((a, i) => a === argv[i])) return { command: before, rest: argv }
  if (argv.length === 0) return { command: undefined, rest: argv }
  const positional = argv.find((a, i) => !a.startsWith("--") && (i === 0 || !argv[i - 1]!.startsWith("--") || simulateSpec.flags.includes(argv[i - 1]!.slice(2)) || estimateSpec.flags.includes(argv[i - 1]!.slice(2))))
  if (positional === undefined) return { command: "simulate", rest: argv }
  // Only an input file makes it `estimate`; any other word is an unknown subcommand.
  return /\.(jsonl|ndjson|csv)$/i.test(positional) ? { command: "estimate", rest: argv } : { command: positional, rest: argv }
}

/**
 * Runs a subcommand and resolves to its exit code. `argv` is `["simulate", …]` or
 * `["estimate", …]` (what the `jiritsu` dispatcher passes); the arguments alone work too (see the
 * module notes).
 * @category cli
 * @since 0.1.0
 * @example
 * ```ts
 * const exitCode = await main(["simulate", "--size", "2334", "--months", "60", "--seed", "1", "--out", "kushiro"]) // 0: CSV, JSON and SVG files in the directory kushiro/
 * ```
 */
export const main = async (argv: ReadonlyArray<string>, io: Io = defaultIo()): Promise<number> => {
  const { command, rest } = commandOf(argv)
  try {
    if (command === "simulate") return await simulate(rest, io)
    if (command === "estimate") return await estimate(rest, io)
    if (command === undefined || command === "--help" || command === "help") {
      io.out(usage)
      return command === undefined ? 2 : 0
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)} (expected ${commands.map((c) => c.name).join(" or ")})`)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`jiritsu ${command ?? ""}: ${e.message}`)
      io.err(usage)
      return 2
    }
    if (e instanceof InputError) {
      io.err(`jiritsu ${command}: ${e.message}`)
      return 1
    }
    throw e
  }
}
