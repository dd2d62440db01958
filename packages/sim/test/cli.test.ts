// The command line on real files in a temporary directory.
import { Period } from "@jiritsu/core"
import { Result } from "effect"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { CaseLog, Cohort, Model, Simulation } from "../src/index.ts"
import { commands, main, type Io } from "../src/cli.ts"

const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "jiritsu-sim-cli-"))
  dirs.push(d)
  return d
}

const cli = async (argv: ReadonlyArray<string>, cwd: string, isTTY = false) => {
  const out: Array<string> = [], err: Array<string> = [], progress: Array<string> = []
  const io: Io = { cwd, out: (l) => out.push(l), err: (l) => err.push(l), progress: { isTTY, write: (t) => progress.push(t) } }
  const code = await main(argv, io)
  return { code, out: out.join("\n"), err: err.join("\n"), progress: progress.join("") }
}

describe("jiritsu simulate", () => {
  it("writes occupancy, flows, time to placement, a summary and two SVG plots, equal to the library's run", async () => {
    const cwd = tempDir()
    const r = await cli(["simulate", "--size", "3000", "--months", "24", "--seed", "5", "--out", "run"], cwd)
    expect(r.err).toBe("")
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^simulated 3,000 persons × 24 months \(seed 5, 1 worker\): placement rate \d+\.\d %/)
    for (const f of ["occupancy.csv", "flows.csv", "time-to-placement.csv", "summary.json", "states.csv", "occupancy.svg", "time-to-placement.svg"]) expect(existsSync(join(cwd, "run", f)), f).toBe(true)
    const cohort = Result.getOrThrow(Cohort.make(Model.kushiro, Cohort.kushiroSpec(3000)))
    const lib = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 24, seed: 5 }))
    const lines = readFileSync(join(cwd, "run", "occupancy.csv"), "utf8").trim().split("\n")
    expect(lines[0]).toBe("month,pending,daily_living,social_life,intermediate_work_unpaid,intermediate_work_paid,employment,employed,welfare_exit,support_ended")
    const last = Simulation.occupancy(lib)[24]!
    expect(lines[25]).toBe(["24", "0", ...Object.values(last.counts).map(String)].join(","))
    const summary = JSON.parse(readFileSync(join(cwd, "run", "summary.json"), "utf8")) as { summary: unknown }
    expect(summary.summary).toEqual(JSON.parse(JSON.stringify(Simulation.summary(lib))))
    expect(readFileSync(join(cwd, "run", "occupancy.svg"), "utf8")).toContain("段階別在籍者数")
    // Plain progress lines when stderr is not a terminal.
    expect(r.progress).toBe("simulate: 3,000/3,000 persons (100%)\n")
  })

  it("compares a scenario on common random numbers, in worker threads, and writes the simulated panel", async () => {
    const cwd = tempDir()
    writeFileSync(join(cwd, "boost.json"), JSON.stringify({ id: "boost", label: "boost", labelJa: "強化", steps: [{ _tag: "Scale", from: "employment", to: "employed", factor: 1.3 }] }))
    const r = await cli(["simulate", "--size", "2000", "--months", "12", "--scenario", "boost.json", "--workers", "2", "--panel", "--format", "csv", "--lang", "en"], cwd, true)
    expect(r.code).toBe(0)
    const comparison = readFileSync(join(cwd, "simulation", "comparison.csv"), "utf8").split("\n")
    expect(comparison[0]).toBe("measure,baseline,scenario,difference,lower,upper,standard_error,independent_standard_error")
    const placed = comparison.find((l) => l.startsWith("placed,"))!.split(",").map(Number)
    expect(placed[3]).toBeGreaterThan(0)
    expect(existsSync(join(cwd, "simulation", "summary.json"))).toBe(false)
    expect(readFileSync(join(cwd, "simulation", "panel.csv"), "utf8").split("\n")[0]).toBe("subject,time,state,group")
    expect(readFileSync(join(cwd, "simulation", "time-to-placement.svg"), "utf8")).toContain("scenario")
    // A bar redrawn in place on a terminal.
    expect(r.progress).toMatch(/\rsimulate \[█+░*\] +\d+% /)
    expect(r.progress.endsWith("\n")).toBe(true)
  })

  it("exits 2 on usage errors and 1 on invalid files, naming the file, row and column", async () => {
    const cwd = tempDir()
    expect((await cli(["simulate", "--months", "x"], cwd)).err).toContain("--months must be an integer")
    expect((await cli(["simulate", "--frobnicate"], cwd)).code).toBe(2)
    expect((await cli(["simulate", "--cohort", "a.json", "--size", "3"], cwd)).code).toBe(2)
    writeFileSync(join(cwd, "model.json"), JSON.stringify({ ...Model.kushiro, rows: [{ from: "daily_living", p: { daily_living: 0.5 } }, ...Model.kushiro.rows.slice(1)] }))
    const bad = await cli(["simulate", "--model", "model.json", "--cohort", "cohort.json"], cwd)
    expect(bad.code).toBe(1)
    expect(bad.err).toContain("model.json: rows[0].p: probabilities sum to 0.5")
    writeFileSync(join(cwd, "broken.json"), "{")
    expect((await cli(["simulate", "--model", "broken.json", "--cohort", "x.json"], cwd)).err).toContain("broken.json: not JSON")
    expect((await cli(["simulate", "--cohort", "missing.json"], cwd)).err).toContain("missing.json: cannot read")
    expect((await cli([], cwd)).code).toBe(2)
    expect((await cli(["help"], cwd)).code).toBe(0)
    expect((await cli(["frobnicate"], cwd)).code).toBe(2)
  })
})

describe("jiritsu estimate", () => {
  const logFile = (cwd: string) => {
    const cohort = Result.getOrThrow(Cohort.make(Model.kushiro, Cohort.kushiroSpec(400, { from: 0, until: 6 })))
    const result = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 18, seed: 12, record: true }))
    const rows = Result.getOrThrow(CaseLog.fromSimulation(result, cohort, { start: Period.unsafeMonth("2013-04") }))
    writeFileSync(join(cwd, "cases.jsonl"), CaseLog.toJsonLines(rows))
    return rows
  }

  it("estimates from a JSON Lines case log: state table, transitions with bootstrap intervals, time in stage, msm panel, fitted model", async () => {
    const cwd = tempDir()
    logFile(cwd)
    const r = await cli(["estimate", "cases.jsonl", "--as-of", "2014-10-01", "--by", "group", "--bootstrap", "50", "--per", "stage"], cwd)
    expect(r.err).toBe("")
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^estimated from 400 subjects, [\d,]+ monthly observations \(bootstrap, 50 replicates, seed 1\)/)
    const transitions = readFileSync(join(cwd, "estimate", "transitions.csv"), "utf8").split("\n")
    expect(transitions[0]).toBe("group,from,to,at_risk,count,p,lower,upper")
    expect(transitions.some((l) => l.startsWith("welfare_recipient,employment,employed,"))).toBe(true)
    expect(readFileSync(join(cwd, "estimate", "statetable.csv"), "utf8").split("\n")[0]).toBe("from,daily_living,social_life,intermediate_work_unpaid,intermediate_work_paid,employment,employed,welfare_exit,support_ended")
    expect(readFileSync(join(cwd, "estimate", "time-in-stage.csv"), "utf8")).toContain("intermediate_work,days,")
    const fitted = Result.getOrThrow(Model.make(JSON.parse(readFileSync(join(cwd, "estimate", "estimated-model.json"), "utf8"))))
    expect(Model.states(fitted).length).toBe(8)
    expect(readFileSync(join(cwd, "estimate", "time-in-stage.svg"), "utf8")).toContain("カプラン・マイヤー")
    expect(r.progress).toContain("bootstrap: 100/100 replicates (100%)")
    // The panel it wrote reads back as a CSV panel with the same estimate.
    const again = await cli(["estimate", "estimate/panel.csv", "--out", "again", "--bootstrap", "0", "--format", "json"], cwd)
    expect(again.code).toBe(0)
    const a = JSON.parse(readFileSync(join(cwd, "again", "estimate.json"), "utf8")) as { subjects: number; estimate: { method: string } }
    expect(a.subjects).toBe(400)
    expect(a.estimate.method).toBe("wilson")
  })

  it("names the line and column of a bad log line or panel row", async () => {
    const cwd = tempDir()
    const rows = logFile(cwd)
    const lines = readFileSync(join(cwd, "cases.jsonl"), "utf8").split("\n")
    const moved = rows.findIndex((r) => (r.event as { _tag: string })._tag === "StageMoved")
    lines[moved] = JSON.stringify({ ...rows[moved]!, event: { ...(rows[moved]!.event as object), to: "nowhere" } })
    writeFileSync(join(cwd, "bad.jsonl"), lines.join("\n"))
    const r = await cli(["estimate", "bad.jsonl", "--as-of", "2014-10-01"], cwd)
    expect(r.code).toBe(1)
    expect(r.err).toContain(`bad.jsonl:${moved + 1}:`)
    expect(r.err).toContain(`(line ${moved + 1}, column event.to)`)
    writeFileSync(join(cwd, "garbage.jsonl"), `${lines[0]}\n{not json\n`)
    expect((await cli(["estimate", "garbage.jsonl", "--as-of", "2014-10-01"], cwd)).err).toContain("garbage.jsonl:2: not JSON")
    writeFileSync(join(cwd, "panel.csv"), "subject,time,state\na,0,2\na,1,99\n")
    const p = await cli(["estimate", "panel.csv"], cwd)
    expect(p.code).toBe(1)
    expect(p.err).toContain("panel.csv:3: line 3, state:")
    expect((await cli(["estimate", "cases.jsonl"], cwd)).err).toContain("needs --as-of")
    expect((await cli(["estimate", "cases.jsonl", "--as-of", "2014-02-30"], cwd)).code).toBe(2)
    expect((await cli(["estimate"], cwd)).code).toBe(2)
    writeFileSync(join(cwd, "good.csv"), "subject,time,state\na,0,2\na,1,3\n")
    expect((await cli(["estimate", "good.csv", "--by", "ward"], cwd)).err).toContain('no covariate "ward"')
  })
})

describe("dispatch", () => {
  it("exports the two subcommands and accepts the dispatcher's form (arguments after the subcommand)", async () => {
    expect(commands.map((c) => c.name)).toEqual(["simulate", "estimate"])
    expect(commands.every((c) => c.summaryJa.length > 0)).toBe(true)
    const cwd = tempDir()
    const r = await cli(["--size", "100", "--months", "3", "--no-plot", "--quiet"], cwd)
    expect(r.code).toBe(0)
    expect(r.out).toContain("simulated 100 persons")
    expect(r.progress).toBe("")
    writeFileSync(join(cwd, "p.csv"), "subject,time,state,group\na,0,2,needy_person\na,1,3,needy_person\n")
    const e = await cli(["p.csv", "--bootstrap", "0", "--no-plot"], cwd)
    expect(e.code).toBe(0)
    expect(e.out).toContain("estimated from 1 subjects")
  })
})
