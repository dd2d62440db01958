// Worker for the targets benchmark: folds a range of shared columns with a compiled plan.
import { parentPort } from "node:worker_threads"
import { Metric } from "@jiritsu/core"

let columns: Metric.MetricColumns | undefined

parentPort!.on("message", (msg: { readonly columns?: Metric.MetricColumns; readonly plan?: Metric.ColumnPlan; readonly start?: number; readonly end?: number }) => {
  if (msg.columns !== undefined) {
    columns = msg.columns
    parentPort!.postMessage("ready")
    return
  }
  const t = Metric.foldColumns(msg.plan!, columns!, msg.start, msg.end)
  parentPort!.postMessage({ counts: t.counts, bits: t.bits }, [t.counts.buffer as ArrayBuffer, t.bits.buffer as ArrayBuffer])
})
