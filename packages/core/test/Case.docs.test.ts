// The "Stages and cases" guide cannot rot: its Mermaid diagram is the code's output, every code
// block quotes an example file verbatim, and every example runs and prints what its comments say.
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, describe, expect, it, vi } from "vitest"
import { readGuide, root, runExample } from "./docsHarness.ts"
import { Case, Stage } from "@jiritsu/core"

// docs/examples import "@jiritsu/core" like a user would; point that name at this package's source
// (the static import of Stage below also registers the name for the examples' own imports).
vi.mock("@jiritsu/core", async () => await import("../src/index.ts"))

const guide = readGuide("stages-and-cases.md")
const examples = ["case-kushiro.ts", "case-follow-ups.ts", "case-custom-graph.ts", "case-boundary.ts", "case-metrics.ts"]

const run = runExample

afterEach(() => vi.restoreAllMocks())

describe("docs: stages and cases guide", () => {
  it("embeds the Mermaid diagram generated from the Kushiro graph", () => {
    const block = /```mermaid\n([\s\S]*?)```/.exec(guide)?.[1]
    expect(block).toBe(Stage.toMermaid(Stage.kushiroGraph))
  })

  it("names every command, refusal and graph finding the code defines", () => {
    for (const tag of [...Object.keys(Case.Command.cases), ...Object.keys(Case.Refusal.cases), ...Object.keys(Stage.Finding.cases)]) {
      expect(guide, tag).toContain(`\`${tag}\``)
    }
  })

  it("quotes every example file verbatim", () => {
    for (const file of examples) {
      const source = readFileSync(join(root, "docs/examples", file), "utf8")
      expect(guide, file).toContain(`<!-- docs/examples/${file} -->\n\`\`\`ts\n${source}\`\`\``)
    }
  })

  it("case-kushiro prints the stage history, the days in intermediate work and the refusal", async () => {
    const out = await run("case-kushiro.ts")
    expect(out[0]).toBe("intermediate_work_unpaid")
    expect(JSON.parse(out[1]!)).toEqual([
      "social_life 2013-04-08→2013-06-01",
      "intermediate_work_unpaid 2013-06-01→2013-10-01",
      "employment 2013-10-01→2014-01-10",
      "intermediate_work_unpaid 2014-01-10→"
    ])
    expect(out[2]).toBe("202")
    expect(out[3]).toBe("") // stagnation: undefined, under a year in intermediate work
    expect(out[4]).toBe('EdgeNotInGraph ["to"] 段階グラフ「kushiro」に intermediate_work_unpaid → daily_living の移行はありません')
  })

  it("case-follow-ups prints the schedule, the due list, the refusal and the re-support", async () => {
    const out = await run("case-follow-ups.ts")
    expect(out.slice(0, 4)).toEqual(["1 2019-05-01 done", "3 2019-07-01 overdue", "6 2019-10-01 upcoming", "12 2020-04-01 upcoming"])
    expect(out.slice(4)).toEqual(["[3]", "DisclosureViolation", '["SeparationRecorded","StageMoved"]', '["done","overdue","cancelled","cancelled"]'])
  })

  it("case-custom-graph loads, checks and uses a programme's graph", async () => {
    const out = await run("case-custom-graph.ts")
    expect(out[0]).toBe("[]")
    expect(out[1]).toBe('["workshop","job_search"]')
    expect(out[2]).toContain("outreach --> workshop : forward (attends_regularly)")
    expect(out[3]).toBe('["UnknownStage at edges.3.to","EdgeWithoutReason at edges.3.reasons"]')
    expect(out[4]).toBe("SupportNotDecided")
  })

  it("case-boundary names the bad fields and rebuilds the state from stored events", async () => {
    const out = await run("case-boundary.ts")
    expect(out[0]).toMatch(/^occurredAt — .*2013-04-31/)
    expect(out[1]).toBe('actor.organisation — Expected "municipality" | "hello_work" | "contractor" | "consultation_agency"')
    expect(out.slice(2)).toEqual(["intake 1", "[]"])
  })

  it("prints the counting table exactly as Case.metricRules defines it, one row per rule", () => {
    for (const r of Case.metricRules) {
      expect(guide, r.id).toContain(`| \`${r.event}\` | ${r.emits === undefined ? "—" : `\`${r.emits}\``} | ${r.when} | ${r.why} |`)
    }
  })

  it("case-metrics traces one case's figures, tallies two cases and names the bad field", async () => {
    const out = await run("case-metrics.ts")
    expect(out.slice(0, 7)).toEqual([
      "2019-04-01 intake intake",
      "2019-04-05 plan_made plan_made",
      "2019-04-05 employment_support_started employment_support_decided",
      "2019-04-08 consultation hello_work_consultation",
      "2019-04-15 consultation hello_work_consultation",
      "2019-05-20 placement placement",
      "2019-09-30 welfare_exit welfare_exit"
    ])
    expect(out.slice(7)).toEqual(["2 2 1", "2 1 1", "0", '["targetGroups",0] 対象者区分「Needy」は不正です'])
  })
})
