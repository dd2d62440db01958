// Progress for long runs: a bar redrawn in place on a terminal, plain lines at every tenth
// otherwise (logs, CI, pipes), so output stays readable in both.

export interface ProgressSink {
  readonly isTTY: boolean
  /** Writes text as is (no newline added). */
  readonly write: (text: string) => void
}

export interface Progress {
  readonly update: (done: number, total: number) => void
  readonly finish: () => void
}

const WIDTH = 30

export const progress = (label: string, unit: string, sink: ProgressSink | undefined): Progress => {
  if (sink === undefined) return { update: () => {}, finish: () => {} }
  let lastTenth = -1
  let drawn = false
  let last: readonly [number, number] = [0, 0]
  const fmt = (n: number): string => n.toLocaleString("en-US")
  const update = (done: number, total: number): void => {
    last = [done, total]
    const share = total > 0 ? Math.min(1, done / total) : 1
    if (sink.isTTY) {
      const filled = Math.round(share * WIDTH)
      sink.write(`\r${label} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${fmt(done)}/${fmt(total)} ${unit}`)
      drawn = true
      return
    }
    const tenth = Math.floor(share * 10)
    if (tenth > lastTenth) {
      lastTenth = tenth
      sink.write(`${label}: ${fmt(done)}/${fmt(total)} ${unit} (${Math.round(share * 100)}%)\n`)
    }
  }
  return {
    update,
    finish: () => {
      if (last[1] > 0 && last[0] < last[1]) update(last[1], last[1])
      if (sink.isTTY && drawn) sink.write("\n")
    }
  }
}
