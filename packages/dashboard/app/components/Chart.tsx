/**
 * An ECharts chart (SVG renderer, no animation) with a text alternative: the figure's caption says
 * what it shows and that the table beside it holds the same figures, so the picture is never the
 * only way to read a number.
 */
import type { EChartsCoreOption } from "echarts/core"
import type { ComponentChildren } from "preact"
import { useEffect, useRef } from "preact/hooks"

// ECharts is its own chunk, fetched as soon as the app starts and evaluated while the first API
// calls are in flight; the tables (the figures) never wait for it.
const library = import("./echarts.ts")

export type ChartOption = EChartsCoreOption

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
    let disposed = false
    let cleanup = () => {}
    // Drawn after the frame that shows the page's tables, so the figures never wait for a picture.
    const afterPaint = new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    void Promise.all([library, afterPaint]).then(([{ init }]) => {
      if (disposed) return
      const chart = init(el, null, { renderer: "svg" })
      chart.setOption({ animation: false, aria: { enabled: false }, textStyle: baseText, ...props.option })
      const observer = new ResizeObserver(() => chart.resize())
      observer.observe(el)
      cleanup = () => {
        observer.disconnect()
        chart.dispose()
      }
    })
    return () => {
      disposed = true
      cleanup()
    }
  }, [props.option])
  return (
    <figure class="chart" data-testid={props.testId}>
      <div ref={ref} class="chart-canvas" role="img" aria-label={props.label} style={{ height: `${props.height ?? 280}px` }} />
      {props.caption !== undefined ? <figcaption>{props.caption}</figcaption> : null}
    </figure>
  )
}
