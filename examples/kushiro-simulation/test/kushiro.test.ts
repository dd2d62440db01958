// The end-to-end run on a smaller caseload, into a temporary directory: every file is written, the
// estimates recover the generating probabilities, the scenario helps, the calibration meets Gifu,
// and two runs with one seed write the same report.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { runKushiro } from "../src/kushiro.ts"

const dirs: Array<string> = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
const out = () => {
  const d = mkdtempSync(join(tmpdir(), "jiritsu-kushiro-"))
  dirs.push(d)
  return d
}

describe("examples/kushiro-simulation", () => {
  it("runs the Kushiro model end to end and writes its files", async () => {
    const dir = out()
    const lines: Array<string> = []
    const report = await runKushiro({ out: dir, persons: 6000, logged: 1500, months: 36, replicates: 100, log: (l) => lines.push(l) })
    expect(lines.map((l) => l.slice(0, 2))).toEqual(["1.", "2.", "3.", "4.", "5.", "6.", "7."])
    for (const f of ["occupancy.csv", "occupancy.svg", "time-to-placement.svg", "case-log.jsonl", "panel.csv", "states.csv", "transitions.csv", "time-in-stage.svg", "comparison.csv", "report.json"]) expect(existsSync(join(dir, f)), f).toBe(true)
    // Everyone is somewhere every month.
    for (const row of readFileSync(join(dir, "occupancy.csv"), "utf8").trim().split("\n").slice(1)) {
      const [, ...counts] = row.split(",").map(Number)
      expect(counts.reduce((a, b) => a + b, 0)).toBe(6000)
    }
    expect(report.estimate.checked).toBeGreaterThan(15)
    expect(report.estimate.covered / report.estimate.checked).toBeGreaterThanOrEqual(0.8)
    expect(report.estimate.worst).toBeLessThan(0.05)
    expect(report.scenario.find((d) => d.measure === "placed")!.lower).toBeGreaterThan(0)
    expect(report.calibration.targets.map((t) => Math.round(t.fittedCount))).toEqual([303, 112])
    expect(report.fy2013.placementRate._tag).toBe("Rate")
    expect(readFileSync(join(dir, "occupancy.svg"), "utf8")).toContain("就職（就労中）")
    expect(readFileSync(join(dir, "case-log.jsonl"), "utf8").split("\n")[0]).toContain('"CaseOpened"')
    const again = out()
    await runKushiro({ out: again, persons: 6000, logged: 1500, months: 36, replicates: 100 })
    expect(readFileSync(join(again, "report.json"), "utf8")).toBe(readFileSync(join(dir, "report.json"), "utf8"))
  })
})
