// Mutation testing (StrykerJS) of @jiritsu/core and @jiritsu/catalog, one module at a time.
//
//   pnpm mutate                 every core module, then the catalogue
//   pnpm mutate core            every core module
//   pnpm mutate core/Rule       one module (also: pnpm mutate Rule)
//   pnpm mutate catalog         the catalogue's modules
//   pnpm mutate --list          the modules and their files
//
// Each module writes an HTML report to packages/<pkg>/reports/mutation/<Module>/index.html (and
// Stryker's JSON beside it, with the surviving mutants listed in survivors.txt, a copy of which is kept
// in bench/results/mutation-survivors/<pkg>-<Module>.txt), and its score into
// bench/results/mutation.json: {"area":"mutation","cases":[{"case":"core/Rule","unit":"%",
// "results":{"jiritsu":<score>}, ...}, ..., {"case":"core", ...}]} — modules not run keep their last
// figures; "core" and "catalog" are recomputed from the module counts. The tests run in mutation mode
// (JIRITSU_MUTATION=1: properties run JIRITSU_MUTATION_RUNS times, default 100, from a fixed seed).
// Why and how: docs/adr/0005-equivalent-mutants.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { cpus, loadavg } from "node:os"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

/**
 * Modules: the source files whose mutants a module owns, and the test files that must kill them
 * (relative to the package). A module is judged by its own tests: a mutant only another module's
 * tests notice counts as surviving (Stryker's `testFiles`, docs/adr/0005).
 */
const modules = {
  core: {
    Period: { mutate: ["src/Period.ts"], tests: ["test/Period.test.ts"] },
    Metric: { mutate: ["src/Metric.ts"], tests: ["test/Metric.test.ts", "test/Metric.columns.test.ts"] },
    Target: { mutate: ["src/Target.ts"], tests: ["test/Target.test.ts", "test/Target.mutants.test.ts"] },
    Stage: { mutate: ["src/Stage.ts"], tests: ["test/Stage.test.ts"] },
    Case: { mutate: ["src/Case.ts", "src/internal/case*.ts"], tests: ["test/Case.test.ts", "test/Case.scenarios.test.ts", "test/Case.metrics.test.ts", "test/case/*.test.ts"] },
    Consent: { mutate: ["src/Consent.ts", "src/internal/consentTime.ts"], tests: ["test/Consent.test.ts", "test/Consent.laws.test.ts"] },
    Disclosure: { mutate: ["src/Disclosure.ts"], tests: ["test/Disclosure.test.ts"] },
    Programme: { mutate: ["src/Programme.ts"], tests: ["test/Programme.test.ts"] },
    internal: { mutate: ["src/internal/decode.ts", "src/internal/hash.ts", "src/internal/dateText.ts"], tests: ["test/internal.test.ts", "test/internal.mutants.test.ts", "test/Period.test.ts", "test/Fact.test.ts", "test/Programme.test.ts"] },
    Fact: { mutate: ["src/Fact.ts"], tests: ["test/Fact.test.ts"] },
    RuleSet: { mutate: ["src/RuleSet.ts"], tests: ["test/RuleSet.test.ts"] },
    Verdict: { mutate: ["src/Verdict.ts"], tests: ["test/Verdict.test.ts", "test/Verdict.lazy.test.ts"] },
    Rule: { mutate: ["src/Rule.ts", "src/internal/rule*.ts"], tests: ["test/Rule.test.ts", "test/Rule.*.test.ts"] }
  },
  catalog: {
    Catalogue: { mutate: ["src/Catalogue.ts"], tests: ["test/Catalogue.test.ts", "test/Catalogue.mutants.test.ts", "test/CoreProgramme.test.ts"] },
    Household: { mutate: ["src/Household.ts"], tests: ["test/Household.test.ts"] },
    TestCase: { mutate: ["src/TestCase.ts"], tests: ["test/TestCase.test.ts", "test/TestCase.mutants.test.ts", "test/Cases.test.ts", "test/FileFormat.test.ts"] },
    Variant: { mutate: ["src/Variant.ts"], tests: ["test/Variant.test.ts", "test/Variant.mutants.test.ts", "test/FileFormat.test.ts"] },
    CommandLine: { mutate: ["src/CommandLine.ts"], tests: ["test/CommandLine.plugins.test.ts", "test/CommandLine.mutants.test.ts", "test/TestCase.test.ts", "test/Variant.test.ts"] },
    Docs: { mutate: ["src/Docs.ts"], tests: ["test/Docs.test.ts", "test/Docs.mutants.test.ts"] },
    internal: { mutate: ["src/internal/clauses.ts", "src/internal/fileFormat.ts"], tests: ["test/FileFormat.test.ts", "test/TestCase.test.ts", "test/Variant.test.ts", "test/Catalogue.test.ts"] },
    Programme: { mutate: ["src/Programme.ts"], tests: ["test/Catalogue.test.ts", "test/CoreProgramme.test.ts", "test/Programme.mutants.test.ts"] },
    National: { mutate: ["src/National.ts"], tests: ["test/Cases.test.ts", "test/Catalogue.test.ts"] },
    Municipal: { mutate: ["src/Municipal.ts", "src/internal/shinagawaPlans.ts"], tests: ["test/Cases.test.ts", "test/Catalogue.test.ts", "test/Shinagawa.test.ts"] },
    Sources: { mutate: ["src/Sources.ts"], tests: ["test/Catalogue.test.ts"] },
    Vocabulary: { mutate: ["src/Vocabulary.ts"], tests: ["test/Cases.test.ts", "test/Catalogue.test.ts"] }
  }
}

const usage = () => {
  for (const [pkg, mods] of Object.entries(modules)) for (const [m, { mutate, tests }] of Object.entries(mods)) console.log(`${pkg}/${m}: ${mutate.join(", ")}  (tests: ${tests.join(", ")})`)
}

/** The (package, module) pairs an argument names. */
const select = (arg) => {
  if (arg === undefined) return Object.entries(modules).flatMap(([pkg, mods]) => Object.keys(mods).map((m) => [pkg, m]))
  if (arg in modules) return Object.keys(modules[arg]).map((m) => [arg, m])
  const [pkg, m] = arg.includes("/") ? arg.split("/") : ["core", arg]
  if (modules[pkg]?.[m] === undefined) {
    console.error(`unknown module ${JSON.stringify(arg)}; one of:`)
    usage()
    process.exit(2)
  }
  return [[pkg, m]]
}

const counts = (results) => {
  const c = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 }
  for (const r of results) {
    if (r.status === "Killed") c.killed++
    else if (r.status === "Timeout") c.timeout++
    else if (r.status === "Survived") c.survived++
    else if (r.status === "NoCoverage") c.noCoverage++
    else if (r.status === "Ignored") c.ignored++
    else c.errors++
  }
  return c
}

/** Stryker's mutation score: detected (killed or timed out) over all valid mutants. */
const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage
  return valid === 0 ? 100 : Math.round(((c.killed + c.timeout) / valid) * 10000) / 100
}

/** The machine a run happened on: CPU model, cores, load average (1 / 5 / 15 min), as bench/ records it. */
const machine = () => {
  const c = cpus()
  return `${c[0]?.model.trim() ?? "unknown CPU"}, ${c.length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" / ")}`
}

const resultsFile = join(root, "bench", "results", "mutation.json")

const record = (entries) => {
  const previous = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")) : { cases: [] }
  const byCase = new Map(previous.cases.filter((c) => c.case.includes("/")).map((c) => [c.case, c]))
  for (const e of entries) byCase.set(e.case, e)
  const moduleCases = [...byCase.values()].sort((a, b) => a.case.localeCompare(b.case))
  const totals = Object.keys(modules).flatMap((pkg) => {
    const mine = moduleCases.filter((c) => c.case.startsWith(`${pkg}/`))
    if (mine.length === 0) return []
    const sum = { killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, errors: 0 }
    let seconds = 0
    for (const c of mine) {
      for (const k of Object.keys(sum)) sum[k] += c.counts[k]
      seconds += c.fullSeconds ?? c.seconds
    }
    return [{ case: pkg, unit: "%", higherIsBetter: true, results: { jiritsu: score(sum) }, counts: sum, seconds, note: `${mine.length} of ${Object.keys(modules[pkg]).length} modules measured (each at its last run); their mutants pooled; their full runs took ${Math.round(seconds / 60)} min in total` }]
  })
  const report = {
    area: "mutation",
    date: new Date().toISOString(),
    node: process.version,
    machine: machine(),
    cases: [...moduleCases, ...totals]
  }
  mkdirSync(dirname(resultsFile), { recursive: true })
  writeFileSync(resultsFile, JSON.stringify(report, null, 2) + "\n")
  return report
}

const survivorsText = (results) =>
  results
    .filter((r) => r.status === "Survived" || r.status === "NoCoverage")
    .map((r) => `${r.fileName}:${r.location.start.line}:${r.location.start.column} ${r.status} ${r.mutatorName}: ${JSON.stringify(r.replacement ?? "")}`)
    .join("\n")

const run = async (pkg, module) => {
  const { Stryker } = await import("@stryker-mutator/core")
  const dir = join(root, "packages", pkg)
  const out = join("reports", "mutation", module)
  const base = (await import(join(dir, "stryker.config.mjs"))).default
  process.chdir(dir)
  process.env.JIRITSU_MUTATION = "1"
  process.env.JIRITSU_ROOT = root
  // A first run (no incremental file yet) tests every mutant: its time is the module's full cost;
  // a rerun tests only what changed, and keeps the last full run's time beside its own.
  const full = !existsSync(join(dir, out, "incremental.json"))
  const before = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, "utf8")).cases.find((c) => c.case === `${pkg}/${module}`) : undefined
  const started = Date.now()
  const stryker = new Stryker({
    ...base,
    mutate: modules[pkg][module].mutate,
    testFiles: modules[pkg][module].tests,
    // Incremental: a re-run after new tests re-tests only what changed (delete the file to start afresh).
    incremental: true,
    incrementalFile: join(out, "incremental.json"),
    htmlReporter: { fileName: join(out, "index.html") },
    jsonReporter: { fileName: join(out, "mutation.json") }
  })
  const results = await stryker.runMutationTest()
  const seconds = Math.round((Date.now() - started) / 1000)
  process.chdir(root)
  mkdirSync(join(dir, out), { recursive: true })
  // Paths relative to the package. The reports are not committed; the survivors are (a copy in
  // bench/results), so the next sorting starts from the last run on any machine.
  const survivors = survivorsText(results).replaceAll(`${dir}/`, "") + "\n"
  const kept = join(root, "bench", "results", "mutation-survivors")
  mkdirSync(kept, { recursive: true })
  writeFileSync(join(dir, out, "survivors.txt"), survivors)
  writeFileSync(join(kept, `${pkg}-${module}.txt`), survivors)
  const c = counts(results)
  const entry = {
    case: `${pkg}/${module}`,
    unit: "%",
    higherIsBetter: true,
    results: { jiritsu: score(c) },
    counts: c,
    seconds,
    fullSeconds: full ? seconds : (before?.fullSeconds ?? null),
    note: `${modules[pkg][module].mutate.join(", ")} against ${modules[pkg][module].tests.join(", ")}: ${c.killed} killed, ${c.timeout} timed out, ${c.survived} survived, ${c.noCoverage} not covered (${c.ignored} static mutants ignored); ${full ? "full run" : "incremental rerun"} ${seconds} s${full ? "" : before?.fullSeconds == null ? ", no uninterrupted full run recorded" : `, last full run ${before.fullSeconds} s`} on this machine; report ${relative(root, join(dir, out, "index.html"))}`
  }
  console.log(`\n${entry.case}: ${entry.results.jiritsu} % — ${entry.note}\n`)
  return entry
}

const arg = process.argv[2]
if (arg === "--list") {
  usage()
} else {
  for (const [pkg, module] of select(arg)) {
    const entry = await run(pkg, module)
    record([entry])
  }
  const report = JSON.parse(readFileSync(resultsFile, "utf8"))
  console.log("mutation scores (bench/results/mutation.json):")
  for (const c of report.cases) console.log(`  ${c.case.padEnd(22)} ${String(c.results.jiritsu).padStart(6)} %`)
}
