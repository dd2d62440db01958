/**
 * Plots (グラフ) as SVG, rendered by ECharts' server-side SVG renderer (no browser, no canvas):
 * stage occupancy over time (stacked areas), the time-to-placement curve (cumulative share placed
 * by months since entry, several runs side by side), and Kaplan–Meier curves of time in stage.
 * Labels are Japanese by default (`lang: "en"` for English).
 *
 * The output is deterministic — ECharts numbers its element ids and CSS classes per process, so
 * they are renumbered in order of appearance — and a document can embed a plot and a test compare
 * it byte for byte. ECharts is loaded on first use, so importing the package costs nothing for
 * callers who never plot.
 *
 * @since 0.1.0
 * @module
 */
import type * as ECharts from "echarts"
import * as Model from "./Model.ts"
import * as Simulation from "./Simulation.ts"
import type * as Survival from "./Survival.ts"

/**
 * Size and language of a plot. @category plots @since 0.1.0
 * @example
 * ```ts
 * const options: Plot.Options = { lang: "en", width: 800, height: 400, title: "Kushiro, 5 years" }
 * ```
 */
export interface Options {
  readonly lang?: "ja" | "en"
  readonly width?: number
  readonly height?: number
  /** A title replacing the default one. */
  readonly title?: string
}

let echarts: Promise<typeof ECharts> | undefined
const load = (): Promise<typeof ECharts> => (echarts ??= import("echarts"))

/** Renumbers ECharts' per-process ids and classes so equal charts give equal text. */
const canonical = (svg: string): string => {
  const classes = new Map<string, string>()
  return svg
    .replace(/zr\d+-cls-\d+/g, (c) => {
      let name = classes.get(c)
      if (name === undefined) classes.set(c, (name = `jiritsu-cls-${classes.size}`))
      return name
    })
    .replace(/zr\d+-/g, "jiritsu-")
}

const render = async (option: ECharts.EChartsOption, options: Options): Promise<string> => {
  const e = await load()
  const chart = e.init(null, null, { renderer: "svg", ssr: true, width: options.width ?? 800, height: options.height ?? 450 })
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: "sans-serif" }, ...option })
    return canonical(chart.renderToSVGString())
  } finally {
    chart.dispose()
  }
}

// Stable colours: the ladder from daily living to work in blues and greens, work in a strong
// green, exits in greys.
const ladder = ["#8fb3d9", "#5b8cc2", "#f2c14e", "#e89a3c", "#7cc47f", "#2e8b57", "#b9b9b9", "#8c8c8c", "#c6a0d6", "#d98c8c", "#6fa8a8", "#a8a86f"]
const exitColours = ["#9e9e9e", "#cfcfcf", "#707070", "#e0e0e0"]

const colourOf = (states: ReadonlyArray<Model.StateInfo>): ReadonlyArray<string> => {
  let ladderAt = 0, exitAt = 0
  return states.map((s) => (s.kind === "exit" ? exitColours[exitAt++ % exitColours.length]! : ladder[ladderAt++ % ladder.length]!))
}

const text = (lang: "ja" | "en", ja: string, en: string): string => (lang === "ja" ? ja : en)

/**
 * Stage occupancy (段階別在籍者数) at the start of every month as stacked areas, exits on top, for
 * a simulation or an expectation (optionally the profiles matching `by`).
 * @category plots
 * @since 0.1.0
 * @example
 * ```ts
 * import { writeFileSync } from "node:fs"
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(2334))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 60, seed: 1 }))
 * writeFileSync("occupancy.svg", await Plot.occupancySvg(r, { by: { group: "welfare_recipient" } }))
 * ```
 */
export const occupancySvg = (result: Simulation.SimResult, options: Options & { readonly by?: Model.Profile } = {}): Promise<string> => {
  const lang = options.lang ?? "ja"
  const states = Model.states(result.model)
  const colours = colourOf(states)
  const occ = Simulation.occupancy(result, options.by)
  const round = (x: number): number => Math.round(x * 100) / 100
  return render(
    {
      title: { text: options.title ?? text(lang, "段階別在籍者数（月初）", "Stage occupancy (start of month)"), left: "center", textStyle: { fontSize: 16 } },
      legend: { bottom: 0, type: "plain", itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 70, right: 30, top: 50, bottom: 90 },
      xAxis: { type: "category", boundaryGap: false, name: text(lang, "経過月", "month"), nameLocation: "middle", nameGap: 28, data: occ.map((o) => String(o.month)) },
      yAxis: { type: "value", name: text(lang, "人数", "persons"), nameLocation: "middle", nameGap: 50 },
      series: states.map((s, i) => ({
        type: "line" as const,
        name: lang === "ja" ? s.labelJa : s.label,
        stack: "occupancy",
        symbol: "none",
        lineStyle: { width: 0.5, color: colours[i]! },
        itemStyle: { color: colours[i]! },
        areaStyle: { color: colours[i]!, opacity: 0.9 },
        data: occ.map((o) => round(o.counts[s.id] ?? 0))
      }))
    },
    options
  )
}

/**
 * The time-to-placement curve (就職までの期間): the cumulative share placed (%) by months since
 * entry, one line per named result (a baseline and a scenario, or target groups).
 * @category plots
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const r = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1 }))
 * const svg = await Plot.timeToPlacementSvg([
 *   { name: "生活保護受給者", result: r, by: { group: "welfare_recipient" } },
 *   { name: "生活困窮者", result: r, by: { group: "needy_person" } }
 * ])
 * ```
 */
export const timeToPlacementSvg = (
  runs: ReadonlyArray<{ readonly name: string; readonly result: Simulation.SimResult; readonly by?: Model.Profile }>,
  options: Options = {}
): Promise<string> => {
  const lang = options.lang ?? "ja"
  const months = Math.max(0, ...runs.map((r) => r.result.months))
  const palette = ["#2e8b57", "#e89a3c", "#5b8cc2", "#d98c8c", "#8c8c8c", "#c6a0d6"]
  return render(
    {
      title: { text: options.title ?? text(lang, "就職までの期間（累積就職率）", "Time to placement (cumulative share placed)"), left: "center", textStyle: { fontSize: 16 } },
      legend: { bottom: 0, textStyle: { fontSize: 12 } },
      grid: { left: 70, right: 30, top: 50, bottom: 70 },
      xAxis: { type: "category", boundaryGap: false, name: text(lang, "受付からの月数", "months since entry"), nameLocation: "middle", nameGap: 28, data: Array.from({ length: months + 1 }, (_, d) => String(d)) },
      yAxis: { type: "value", min: 0, max: 100, name: text(lang, "就職者の割合（%）", "placed (%)"), nameLocation: "middle", nameGap: 45 },
      series: runs.map((r, i) => ({
        type: "line" as const,
        name: r.name,
        symbol: "none",
        lineStyle: { width: 2, color: palette[i % palette.length]! },
        itemStyle: { color: palette[i % palette.length]! },
        data: Simulation.timeToPlacement(r.result, r.by).points.map((p) => (p.share._tag === "Rate" ? Math.round(p.share.value * 10000) / 100 : null))
      }))
    },
    options
  )
}

/**
 * Kaplan–Meier curves of time in stage (段階の滞在期間), one step line per state or stage.
 * @category plots
 * @since 0.1.0
 * @example
 * ```ts
 * import { Result } from "effect"
 * const cohort = Cohort.unsafeMake(Model.kushiro, Cohort.kushiroSpec(1000))
 * const run = Result.getOrThrow(Simulation.run(Model.kushiro, cohort, { months: 36, seed: 1, record: true }))
 * const svg = await Plot.survivalSvg(Survival.timeInStage(Result.getOrThrow(Panel.fromSimulation(run, cohort))), { lang: "en" })
 * ```
 */
export const survivalSvg = (curves: ReadonlyArray<Survival.StageCurve>, options: Options = {}): Promise<string> => {
  const lang = options.lang ?? "ja"
  const unit = curves[0]?.unit ?? "months"
  const unitText = unit === "days" ? text(lang, "日数", "days") : text(lang, "月数", "months")
  return render(
    {
      title: { text: options.title ?? text(lang, "段階の滞在期間（カプラン・マイヤー推定）", "Time in stage (Kaplan–Meier)"), left: "center", textStyle: { fontSize: 16 } },
      legend: { bottom: 0, textStyle: { fontSize: 12 } },
      grid: { left: 70, right: 30, top: 50, bottom: 70 },
      xAxis: { type: "value", min: 0, name: unitText, nameLocation: "middle", nameGap: 28 },
      yAxis: { type: "value", min: 0, max: 1, name: text(lang, "滞在を続けている割合", "still in stage"), nameLocation: "middle", nameGap: 45 },
      series: curves.map((c, i) => ({
        type: "line" as const,
        name: lang === "ja" ? c.labelJa : c.id,
        step: "end" as const,
        symbol: "none",
        lineStyle: { width: 2, color: ladder[i % ladder.length]! },
        itemStyle: { color: ladder[i % ladder.length]! },
        data: [[0, 1], ...c.curve.steps.map((s) => [s.time, Math.round(s.survival * 10000) / 10000])]
      }))
    },
    options
  )
}
