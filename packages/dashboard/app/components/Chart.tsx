/**
 * An ECharts chart (SVG renderer, no animation) with a text alternative: the figure's caption says
 * what it shows and that the table beside it holds the same figures, so the picture is never the
 * only way to read a number.
 */
import { BarChart, FunnelChart, LineChart, ScatterChart } from "echarts/charts"
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from "echarts/components"
import * as echarts from "echarts/core"
import { SVGRenderer } from "echarts/renderers"
import type { ComponentChildren } from "preact"
import { useEffect, useRef } from "preact/hooks"

echarts.use([BarChart, FunnelChart, LineChart, ScatterChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer])

export type ChartOption = echarts.EChartsCoreOption

/** Colours with at least 4.5:1 contrast on white for marks that carry meaning. */
export const palette = {
  actual: "#1f4e8c",
  expected: "#6b4c9a",
  target: "#333333",
  forecast: "#8fa8cc",
  forward: "#1f6f43",
  skip: "#2c6fb5",
  regression: "#b3261e",
  lateral: "#6d6d6d",
  benchmark: "#8a5a00"
} as const

const baseText = { fontFamily: "system-ui, 'Hiragino Sans', 'IPAexGothic', 'Noto Sans JP', sans-serif", color: "#222222" }

export function Chart(props: { readonly option: ChartOption; readonly label: string; readonly height?: number; readonly caption?: ComponentChildren; readonly testId?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const el = ref.current
    if (el === null) return
    const chart = echarts.init(el, null, { renderer: "svg" })
    chart.setOption({ animation: false, aria: { enabled: false }, textStyle: baseText, ...props.option })
    const observer = new ResizeObserver(() => chart.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      chart.dispose()
    }
  }, [props.option])
  return (
    <figure class="chart" data-testid={props.testId}>
      <div ref={ref} class="chart-canvas" role="img" aria-label={props.label} style={{ height: `${props.height ?? 280}px` }} />
      {props.caption !== undefined ? <figcaption>{props.caption}</figcaption> : null}
    </figure>
  )
}
