import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Cohort, Model, Panel, Plot, Simulation, Survival } from "../src/index.ts"

const run = (months: number, seed: number) => {
  const cohort = Result.getOrThrow(Cohort.make(Model.kushiro, Cohort.kushiroSpec(3000)))
  return { cohort, result: Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months, seed, record: true })) }
}

describe("Plot", () => {
  it("renders stage occupancy as SVG with Japanese labels, the same text every time", async () => {
    const { result } = run(24, 1)
    const a = await Plot.occupancySvg(result)
    const b = await Plot.occupancySvg(result)
    expect(a).toBe(b)
    expect(a.startsWith("<svg")).toBe(true)
    expect(a).toContain('width="800" height="450"')
    for (const label of ["段階別在籍者数（月初）", "日常生活自立", "中間的就労（非雇用型）", "就職（就労中）", "保護脱却", "経過月"]) expect(a).toContain(label)
    expect(a).not.toMatch(/zr\d+-/)
    const en = await Plot.occupancySvg(result, { lang: "en", width: 640, height: 360 })
    expect(en).toContain("Stage occupancy (start of month)")
    expect(en).toContain("Daily-living autonomy")
    expect(en).toContain('width="640" height="360"')
  })

  it("renders time-to-placement curves side by side and Kaplan–Meier curves of time in stage", async () => {
    const { cohort, result } = run(24, 2)
    const ttp = await Plot.timeToPlacementSvg([
      { name: "生活保護受給者", result, by: { group: "welfare_recipient" } },
      { name: "生活困窮者", result, by: { group: "needy_person" } }
    ])
    for (const label of ["就職までの期間（累積就職率）", "生活保護受給者", "生活困窮者", "受付からの月数"]) expect(ttp).toContain(label)
    const curves = Survival.timeInStage(Result.getOrThrow(Panel.fromSimulation(result, cohort)), { per: "stage" })
    const km = await Plot.survivalSvg(curves)
    for (const label of ["段階の滞在期間（カプラン・マイヤー推定）", "中間的就労", "月数"]) expect(km).toContain(label)
  })
})
