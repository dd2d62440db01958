// The "Simulating programme stages" guide and the README cannot rot: every quoted example equals
// its file, every example runs and prints what the guide shows, the plots are the example's output
// byte for byte, the table of the Kushiro model is the model, and every error code is documented.
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { afterEach, describe, expect, it, vi } from "vitest"
import { Model, Panel, Scenario, Simulation } from "../src/index.ts"

const root = join(import.meta.dirname, "..", "..", "..")
const guide = readFileSync(join(root, "docs", "guides", "simulating-programme-stages.md"), "utf8")
const readme = readFileSync(join(root, "packages", "sim", "README.md"), "utf8")
const source = (file: string) => readFileSync(join(root, "docs", "examples", file), "utf8")

/** Imports a docs example (its top level runs) and returns what it logged and what it exports. */
const run = async (file: string): Promise<{ readonly lines: ReadonlyArray<string>; readonly exports: Record<string, unknown> }> => {
  const lines: Array<string> = []
  const spy = vi.spyOn(console, "log").mockImplementation((...args: ReadonlyArray<unknown>) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "))
  })
  try {
    const exports = (await import(join(root, "docs", "examples", file))) as Record<string, unknown>
    return { lines, exports }
  } finally {
    spy.mockRestore()
  }
}

afterEach(() => vi.restoreAllMocks())

const examples = ["sim-model.ts", "sim-simulate.ts", "sim-plot.ts", "sim-estimate.ts", "sim-scenario.ts", "sim-calibrate.ts"]

/** The ```text block that follows an example's quote in the guide. */
const outputBlock = (file: string): string => {
  const quote = `<!-- docs/examples/${file} -->\n\`\`\`ts\n${source(file)}\`\`\`\n\n\`\`\`text\n`
  const at = guide.indexOf(quote)
  if (at < 0) return ""
  const from = at + quote.length
  return guide.slice(from, guide.indexOf("\n```", from))
}

describe("docs: simulating programme stages", () => {
  it("quotes every example verbatim", () => {
    for (const file of examples) expect(guide, file).toContain(`<!-- docs/examples/${file} -->\n\`\`\`ts\n${source(file)}\`\`\``)
    expect(readme).toContain(`<!-- docs/examples/readme-sim.ts -->\n\`\`\`ts\n${source("readme-sim.ts")}\`\`\``)
  })

  for (const file of examples.filter((f) => f !== "sim-plot.ts")) {
    it(`${file} prints exactly the output the guide shows`, async () => {
      const { lines } = await run(file)
      expect(lines.join("\n")).toBe(outputBlock(file))
    })
  }

  it("the plots are sim-plot.ts's output, byte for byte, and the guide shows them", async () => {
    const { exports } = await run("sim-plot.ts")
    for (const [name, file] of [["occupancy", "sim-occupancy.svg"], ["timeToPlacement", "sim-time-to-placement.svg"]] as const) {
      const committed = join(root, "docs", "images", file)
      expect(existsSync(committed), `${file}: run pnpm --filter @jiritsu/sim gen-docs`).toBe(true)
      expect(exports[name], `${file} is stale: run pnpm --filter @jiritsu/sim gen-docs`).toBe(readFileSync(committed, "utf8"))
      expect(guide).toContain(`](../images/${file})`)
    }
  })

  it("the README example runs", async () => {
    const { lines } = await run("readme-sim.ts")
    expect(lines[0]).toMatch(/^placed within five years: \d+\.\d %$/)
    expect(lines[1]).toMatch(/^median months to placement: \d+$/)
  })

  it("the table of the Kushiro model is Model.kushiro", () => {
    const states = new Map(Model.states(Model.kushiro).map((s) => [s.id, s]))
    const levels = (Model.kushiro.covariates ?? []).flatMap((c) => c.levels)
    const table = ["| from | only for | stays | moves in one month |", "|---|---|---|---|"]
    for (const r of Model.kushiro.rows) {
      const who = r.when === undefined ? "—" : Object.values(r.when).map((l) => levels.find((x) => x.id === l)!.labelJa).join(", ")
      const moves = Object.entries(r.p).filter(([to]) => to !== r.from).map(([to, p]) => `\`${to}\` ${p.toFixed(3)}`).join(", ")
      table.push(`| \`${r.from}\` ${states.get(r.from)!.labelJa} | ${who} | ${r.p[r.from]!.toFixed(3)} | ${moves} |`)
    }
    expect(guide).toContain(table.join("\n"))
  })

  it("names every error code the package defines", () => {
    const codes = [
      ...Model.IssueCode.literals,
      ...Panel.PanelError.fields.code.literals,
      ...Scenario.ScenarioError.fields.code.literals.filter((c) => c !== "incompatible")
    ]
    for (const code of codes) expect(guide, code).toContain(`\`${code}\``)
    expect(Simulation.SimError.fields.code.literals.length).toBeGreaterThan(0)
  })
})
