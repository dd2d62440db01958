import fc from "fast-check"
import type { Stage } from "@jiritsu/core"

const KINDS: ReadonlyArray<Stage.EdgeKind> = ["forward", "skip", "regression", "lateral"]

/**
 * Random stage graphs over nodes `s0…s{n-1}` and reasons `r0…r3`. They may contain every defect
 * {@link Stage.validate} looks for (unknown stages, duplicates, self-loops, edges without or with
 * undefined reasons, unreachable and dead stages), so the laws see both clean and broken graphs.
 */
export const arbStageGraph: fc.Arbitrary<Stage.StageGraph> = fc
  .integer({ min: 1, max: 7 })
  .chain((n) => {
    const nodeId = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: n - 1 }).map((i) => `s${i}`) }, { weight: 1, arbitrary: fc.constant("ghost") })
    const reasonCode = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 3 }).map((i) => `r${i}`) }, { weight: 1, arbitrary: fc.constant("undefined_reason") })
    return fc.record({
      nodes: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: n, maxLength: n }).map((ranks) =>
        ranks.map((rank, i) => ({ id: `s${i}`, stage: i % 3 === 2 ? "grouped" : `s${i}`, label: `Stage ${i}`, labelJa: `段階${i}`, rank }))
      ),
      duplicateNode: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      edges: fc.array(
        fc.record({ from: nodeId, to: nodeId, kind: fc.constantFrom(...KINDS), reasons: fc.array(reasonCode, { minLength: 0, maxLength: 2 }) }),
        { maxLength: 12, size: "max" }
      ),
      entry: fc.array(nodeId, { minLength: 0, maxLength: 2 }),
      goals: fc.array(nodeId, { minLength: 0, maxLength: 2 })
    })
  })
  .map(({ nodes, duplicateNode, edges, entry, goals }) => ({
    id: "generated",
    version: "1",
    label: "Generated graph",
    labelJa: "生成グラフ",
    nodes: duplicateNode ? [...nodes, nodes[0]!] : nodes,
    edges,
    reasons: [0, 1, 2, 3].map((i) => ({ code: `r${i}`, label: `Reason ${i}`, labelJa: `理由${i}` })),
    entry,
    goals
  }))

/** Graphs with no `error` finding: unique edges between known nodes, each with a defined reason, and an entry. */
export const arbCleanStageGraph: fc.Arbitrary<Stage.StageGraph> = arbStageGraph.map((g) => {
  const nodes = g.nodes.filter((n, i) => g.nodes.findIndex((m) => m.id === n.id) === i)
  const ids = new Set(nodes.map((n) => n.id))
  const seen = new Set<string>()
  const edges = g.edges
    .filter((e) => ids.has(e.from) && ids.has(e.to) && e.from !== e.to)
    .filter((e) => (seen.has(`${e.from}>${e.to}`) ? false : (seen.add(`${e.from}>${e.to}`), true)))
    .map((e) => ({ ...e, reasons: e.reasons.filter((r) => r !== "undefined_reason").concat(e.reasons.length === 0 || e.reasons.every((r) => r === "undefined_reason") ? ["r0"] : []) }))
  const entry = g.entry.filter((s) => ids.has(s))
  return { ...g, nodes, edges, entry: entry.length === 0 ? ["s0"] : entry, goals: g.goals.filter((s) => ids.has(s)) }
})
