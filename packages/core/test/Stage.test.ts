import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Stage } from "@jiritsu/core"
import { arbCleanStageGraph, arbStageGraph } from "./arbitraries.ts"

const g = Stage.kushiroGraph

describe("Stage: the Kushiro graph", () => {
  it("is clean: no findings at all", () => {
    expect(Stage.validate(g)).toEqual([])
    expect(Result.isSuccess(Stage.make(JSON.parse(JSON.stringify(g))))).toBe(true)
  })

  it("has the forward ladder, the skip and the regressions of docs/glossary.md", () => {
    expect(Stage.edge(g, "daily_living", "social_life")?.kind).toBe("forward")
    expect(Stage.edge(g, "social_life", "employment")).toMatchObject({ kind: "skip", reasons: ["ready_now"] })
    expect(Stage.edge(g, "employment", "intermediate_work_unpaid")).toMatchObject({ kind: "regression", reasons: ["job_search_failed", "separated"] })
    expect(Stage.edge(g, "intermediate_work_paid", "intermediate_work_unpaid")?.kind).toBe("regression")
    expect(Stage.edge(g, "daily_living", "employment")).toBeUndefined()
    expect(Stage.nodesOfStage(g, "intermediate_work")).toEqual(["intermediate_work_unpaid", "intermediate_work_paid"])
    expect(Stage.node(g, "intermediate_work_paid")?.requiresDecision).toBe(true)
  })

  it("finds shortest paths for test generation", () => {
    expect(Stage.shortestPath(g, "daily_living", "employment")?.map((e) => e.to)).toEqual(["social_life", "employment"])
    expect(Stage.shortestPath(g, "employment", "daily_living")?.map((e) => e.to)).toEqual(["intermediate_work_unpaid", "social_life", "daily_living"])
    expect(Stage.shortestPath(g, "employment", "employment")).toEqual([])
    expect(Stage.shortestPath(g, "employment", "nowhere")).toBeUndefined()
    expect(Stage.edgeCoveringPaths(g)).toHaveLength(g.edges.length)
  })

  it("renders a stateDiagram-v2 with composite intermediate work", () => {
    const m = Stage.toMermaid(g)
    expect(m.startsWith("stateDiagram-v2\n")).toBe(true)
    expect(m).toContain("  state intermediate_work {")
    expect(m).toContain('    state "中間的就労（雇用型） intermediate_work_paid" as intermediate_work_paid')
    expect(m).toContain("  employment --> intermediate_work_unpaid : regression (job_search_failed, separated)")
    expect(m).toContain("  [*] --> daily_living")
    expect(Stage.toMermaid(g, { labels: "en", reasons: false })).toContain("  social_life --> employment : skip\n")
  })
})

describe("Stage: validation names the broken rule and the field", () => {
  it("finds an unknown stage, an edge without reason, an undefined reason, a duplicate edge and a self-loop", () => {
    const broken: Stage.StageGraph = {
      ...g,
      edges: [
        ...g.edges,
        { from: "employment", to: "retired", kind: "forward", reasons: ["ready_now"] },
        { from: "daily_living", to: "employment", kind: "skip", reasons: [] },
        { from: "social_life", to: "intermediate_work_paid", kind: "forward", reasons: ["bribe"] },
        { from: "daily_living", to: "social_life", kind: "forward", reasons: ["health_stabilised"] },
        { from: "employment", to: "employment", kind: "lateral", reasons: ["job_offer"] }
      ]
    }
    const n = g.edges.length
    const findings = Stage.validate(broken)
    expect(findings).toContainEqual(expect.objectContaining({ _tag: "UnknownStage", stage: "retired", path: ["edges", n, "to"], severity: "error" }))
    expect(findings).toContainEqual(expect.objectContaining({ _tag: "EdgeWithoutReason", path: ["edges", n + 1, "reasons"] }))
    expect(findings).toContainEqual(expect.objectContaining({ _tag: "UnknownReasonCode", code: "bribe", path: ["edges", n + 2, "reasons", 0] }))
    expect(findings).toContainEqual(expect.objectContaining({ _tag: "DuplicateEdge", path: ["edges", n + 3] }))
    expect(findings).toContainEqual(expect.objectContaining({ _tag: "SelfLoop", stage: "employment" }))
    const made = Stage.make(broken)
    expect(Result.isFailure(made) && made.failure.findings.every((f) => f.severity === "error")).toBe(true)
  })

  it("warns about unreachable stages and edges, dead stages and mislabelled kinds", () => {
    const island: Stage.StageGraph = {
      ...g,
      nodes: [...g.nodes, { id: "island", stage: "island", label: "Island", labelJa: "孤島", rank: 9 }, { id: "trap", stage: "trap", label: "Trap", labelJa: "袋小路", rank: 0 }],
      edges: [
        ...g.edges,
        { from: "island", to: "employment", kind: "forward", reasons: ["job_offer"] },
        { from: "daily_living", to: "trap", kind: "lateral", reasons: ["health_deteriorated"] }
      ]
    }
    const tags = Stage.validate(island).map((f) => `${f._tag}:${"stage" in f ? f.stage : "from" in f ? `${f.from}>${f.to}` : ""}`)
    expect(tags).toEqual(expect.arrayContaining(["UnreachableStage:island", "UnreachableEdge:island>employment", "DeadStage:trap", "KindContradictsRank:island>employment"]))
    expect(Result.isSuccess(Stage.make(island))).toBe(true) // warnings do not block a graph
    expect(Stage.validate({ ...g, entry: [...g.entry, "intermediate_work_paid"] })).toEqual([
      expect.objectContaining({ _tag: "EntryRequiresDecision", stage: "intermediate_work_paid", path: ["entry", g.entry.length], severity: "warning", message: 'entry stage "intermediate_work_paid" needs a support decision, which an assessment cannot have' })
    ])
  })

  it("decodes a programme's graph from JSON and names bad fields", () => {
    const r = Stage.make({ ...g, nodes: [{ id: "Daily Living", stage: "x", label: "", labelJa: "", rank: 0.5 }] })
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure.issues.map((i) => i.path)).toEqual(expect.arrayContaining([["nodes", 0, "id"], ["nodes", 0, "rank"]]))
    }
  })
})

describe("Stage: findings, queries and the Mermaid export, given a small graph", () => {
  const node = (id: string, stage: string, rank: number, extra: Partial<Stage.StageNode> = {}): Stage.StageNode => ({ id, stage, label: id.toUpperCase(), labelJa: `段階${id}`, rank, ...extra })
  const reason = (code: string, label = code): Stage.ReasonCode => ({ code, label, labelJa: label })
  // One of each structural defect, an unreachable corner and a dead end.
  const tiny: Stage.StageGraph = {
    id: "tiny",
    version: "1",
    label: "Tiny",
    labelJa: "小",
    nodes: [node("a", "a", 0), node("b", "b", 1), node("b", "b", 7), node("c", "c", 2), node("d", "d", 3)],
    reasons: [reason("go", "first"), reason("go", "second")],
    edges: [
      { from: "a", to: "c", kind: "forward", reasons: ["go"] },
      { from: "a", to: "c", kind: "skip", reasons: ["go"] },
      { from: "c", to: "c", kind: "lateral", reasons: ["go"] },
      { from: "c", to: "a", kind: "forward", reasons: [] },
      { from: "a", to: "x", kind: "skip", reasons: ["nope"] },
      { from: "b", to: "a", kind: "regression", reasons: ["go"] }
    ],
    entry: ["a", "y"],
    goals: ["c", "z"]
  }

  it("validate reports every defect once, in graph order, with its path and message", () => {
    expect(Stage.validate(tiny).map((f) => [f._tag, f.severity, f.path.join("."), f.message])).toEqual([
      ["DuplicateStage", "error", "nodes.2.id", 'stage "b" is defined twice'],
      ["DuplicateReason", "error", "reasons.1.code", 'reason "go" is defined twice'],
      ["DuplicateEdge", "error", "edges.1", "edge a → c is defined twice"],
      ["SelfLoop", "error", "edges.2", "edge c → c goes nowhere"],
      ["EdgeWithoutReason", "error", "edges.3.reasons", "edge c → a lists no reason code"],
      ["KindContradictsRank", "warning", "edges.3.kind", "edge c (rank 2) → a (rank 0) is marked forward"],
      ["UnknownStage", "error", "edges.4.to", '"x" at edges[4].to is not a stage of graph "tiny"'],
      ["UnknownReasonCode", "error", "edges.4.reasons.0", 'edge a → x cites undefined reason "nope"'],
      ["UnknownStage", "error", "entry.1", '"y" at entry[1] is not a stage of graph "tiny"'],
      ["UnknownStage", "error", "goals.1", '"z" at goals[1] is not a stage of graph "tiny"'],
      ["UnreachableStage", "warning", "nodes.1", 'no entry stage leads to "b"'],
      ["UnreachableStage", "warning", "nodes.2", 'no entry stage leads to "b"'],
      ["UnreachableStage", "warning", "nodes.4", 'no entry stage leads to "d"'],
      ["DeadStage", "warning", "nodes.4", 'no goal stage can be reached from "d"'],
      ["UnreachableEdge", "warning", "edges.5", "edge b → a leaves an unreachable stage"]
    ])
    expect(Stage.validate({ ...tiny, entry: [], goals: [] }).filter((f) => f._tag === "NoEntry" || f._tag === "NoGoal").map((f) => [f._tag, f.severity, f.path.join("."), f.message])).toEqual([
      ["NoEntry", "error", "entry", "the graph has no entry stage"],
      ["NoGoal", "warning", "goals", "the graph has no goal stage"]
    ])
  })

  it("make names the errors in its message: the decoding issues, or the graph's error findings", () => {
    const bad = Stage.make({ ...tiny, nodes: [{ ...node("a", "a", 0), rank: 0.5 }, { ...node("b", "b", 1), id: "B B" }] })
    expect(Result.isFailure(bad) && bad.failure.message).toMatch(/^invalid stage graph: nodes\[0\]\.rank: [^;]+; nodes\[1\]\.id: \S/)
    const broken = Stage.make({ ...tiny, nodes: tiny.nodes.slice(0, 2), reasons: [reason("go")], edges: [tiny.edges[0]!, tiny.edges[2]!], entry: ["a"], goals: ["b"] })
    expect(Result.isFailure(broken) && broken.failure.message).toBe('stage graph "tiny" has errors: "c" at edges[0].to is not a stage of graph "tiny"; "c" at edges[1].from is not a stage of graph "tiny"; "c" at edges[1].to is not a stage of graph "tiny"; edge c → c goes nowhere')
  })

  it("with duplicate definitions the queries answer from the first; unknown stages have no edges and no paths", () => {
    // A fresh copy: the queries' index is built per graph value.
    const copy = { ...tiny }
    expect(Stage.node(copy, "b")?.rank).toBe(1)
    expect(Stage.edge(copy, "a", "c")?.kind).toBe("forward")
    expect(Stage.reasonOf(copy, "go")?.label).toBe("first")
    expect(Stage.edge(tiny, "x", "a")).toBeUndefined()
    expect(Stage.outgoing(tiny, "x")).toEqual([])
    expect(Stage.outgoing(tiny, "a").map((e) => e.to)).toEqual(["c", "x"])
    expect(Stage.shortestPath(tiny, "x", "x")).toBeUndefined()
    expect([...Stage.reachable(tiny, "b")].sort()).toEqual(["a", "b", "c"])
    expect([...Stage.reachable(g, "employment")].sort()).toEqual(["daily_living", "employment", "intermediate_work_paid", "intermediate_work_unpaid", "social_life"])
  })

  it("an edge is covered from the entry nearest to it", () => {
    const line: Stage.StageGraph = { ...tiny, nodes: [node("a", "a", 0), node("b", "b", 1), node("c", "c", 2)], reasons: [reason("go")], edges: [{ from: "a", to: "b", kind: "forward", reasons: ["go"] }, { from: "b", to: "c", kind: "forward", reasons: ["go"] }], entry: ["a", "b"], goals: ["c"] }
    expect(Stage.edgeCoveringPaths(line).map((c) => [c.entry, c.path.map((e) => `${e.from}>${e.to}`)])).toEqual([["a", ["a>b"]], ["b", ["b>c"]]])
    expect(Stage.edgeCoveringPaths({ ...line, entry: ["b", "a"] }).map((c) => c.entry)).toEqual(["a", "b"])
    // Two entries equally near: the one listed first.
    const fork: Stage.StageGraph = { ...line, edges: [{ from: "a", to: "c", kind: "forward", reasons: ["go"] }, { from: "b", to: "c", kind: "forward", reasons: ["go"] }, { from: "c", to: "a", kind: "regression", reasons: ["go"] }] }
    expect(Stage.edgeCoveringPaths(fork).map((c) => c.entry)).toEqual(["a", "b", "a"])
    expect(Stage.edgeCoveringPaths({ ...fork, entry: ["b", "a"] }).map((c) => c.entry)).toEqual(["a", "b", "b"])
  })

  it("the Mermaid export: groups, a group named like one of its stages, cleaned labels, each label choice", () => {
    const graph: Stage.StageGraph = {
      ...tiny,
      nodes: [node("a", "a", 0, { labelJa: '  "始め": {a};  ', label: "Start <here>" }), node("w", "work", 1), node("w2", "work", 2), node("solo", "alone", 3), node("p", "p", 4), node("p2", "p", 5)],
      reasons: [reason("go")],
      edges: [{ from: "a", to: "w", kind: "forward", reasons: ["go"] }, { from: "w", to: "p2", kind: "skip", reasons: ["go", "go"] }],
      entry: ["a"],
      goals: ["p2"]
    }
    expect(Stage.toMermaid(graph)).toBe(
      [
        "stateDiagram-v2",
        "  direction LR",
        '  state "始め a a" as a',
        "  state work {",
        '    state "段階w w" as w',
        '    state "段階w2 w2" as w2',
        "  }",
        "  state alone {",
        '    state "段階solo solo" as solo',
        "  }",
        "  state p_group {",
        '    state "段階p p" as p',
        '    state "段階p2 p2" as p2',
        "  }",
        "  [*] --> a",
        "  a --> w : forward (go)",
        "  w --> p2 : skip (go, go)",
        ""
      ].join("\n")
    )
    expect(Stage.toMermaid(graph, { labels: "ja" })).toContain('  state "始め a" as a\n')
    expect(Stage.toMermaid({ ...graph, nodes: [node("a", "a", 0, { label: 'x"y<z' })] }, { labels: "en" })).toContain('  state "x y z" as a\n')
    expect(Stage.toMermaid(graph, { labels: "en" })).toContain('  state "Start here" as a\n')
    expect(Stage.toMermaid(graph, { labels: "both", reasons: false })).toContain("  w --> p2 : skip\n")
  })
})

// Independent reference: all-pairs distances by Floyd–Warshall over known nodes.
const distances = (graph: Stage.StageGraph): Map<string, Map<string, number>> => {
  const ids = [...new Set(graph.nodes.map((n) => n.id))]
  const dist = new Map(ids.map((a) => [a, new Map(ids.map((b) => [b, a === b ? 0 : Infinity]))]))
  for (const e of graph.edges) if (dist.has(e.from) && dist.has(e.to) && e.from !== e.to) dist.get(e.from)!.set(e.to, 1)
  for (const k of ids) for (const i of ids) for (const j of ids) {
    const via = dist.get(i)!.get(k)! + dist.get(k)!.get(j)!
    if (via < dist.get(i)!.get(j)!) dist.get(i)!.set(j, via)
  }
  return dist
}

describe("properties", () => {
  it("shortest paths are connected edge chains of minimal length (vs Floyd–Warshall) (≥ 12 % of runs find a path of two edges or more, ≥ 10 % find none)", () => {
    const cov = coverage({ long: 0.12, none: 0.1 })
    fc.assert(
      fc.property(arbStageGraph, fc.nat(), fc.nat(), fc.boolean(), (graph, i, j, aim) => {
        cov.run()
        // Half the runs aim at a pair two edges or more apart (by the reference distances), when there is one.
        const dist = distances(graph)
        const far = graph.nodes.flatMap((a) => graph.nodes.flatMap((b) => (dist.get(a.id)!.get(b.id)! >= 2 && dist.get(a.id)!.get(b.id)! < Infinity ? [[a.id, b.id] as const] : [])))
        const [from, to] = aim && far.length > 0 ? far[i % far.length]! : [graph.nodes[i % graph.nodes.length]!.id, graph.nodes[j % graph.nodes.length]!.id]
        const path = Stage.shortestPath(graph, from, to)
        const expected = dist.get(from)!.get(to)!
        cov.hit("long", expected >= 2 && expected < Infinity)
        cov.hit("none", expected === Infinity)
        if (expected === Infinity) return path === undefined
        if (path === undefined || path.length !== expected) return false
        let at = from
        for (const e of path) {
          if (e.from !== at || Stage.edge(graph, e.from, e.to) === undefined) return false
          at = e.to
        }
        return at === to
      })
    )
    cov.check()
  })

  it("reachability findings agree with the reference distances (≥ 20 % of runs with an unreachable stage, ≥ 20 % with a dead one)", () => {
    const cov = coverage({ unreachable: 0.2, dead: 0.2 })
    fc.assert(
      fc.property(arbStageGraph, (graph) => {
        cov.run()
        const dist = distances(graph)
        const findings = Stage.validate(graph)
        cov.hit("unreachable", findings.some((f) => f._tag === "UnreachableStage"))
        cov.hit("dead", findings.some((f) => f._tag === "DeadStage"))
        const unreachable = new Set(findings.flatMap((f) => (f._tag === "UnreachableStage" ? [f.stage] : [])))
        const dead = new Set(findings.flatMap((f) => (f._tag === "DeadStage" ? [f.stage] : [])))
        const known = new Set(graph.nodes.map((n) => n.id))
        for (const id of known) {
          const reached = graph.entry.some((s) => known.has(s) && dist.get(s)!.get(id)! < Infinity)
          if (reached === unreachable.has(id)) return false
          const live = graph.goals.some((goal) => known.has(goal) && dist.get(id)!.get(goal)! < Infinity)
          if (graph.goals.length > 0 && live === dead.has(id)) return false
        }
        return true
      })
    )
    cov.check()
  })

  it("validate finds exactly the defects a reference check finds, each at its path with its severity (≥ 10 % of runs with a kind contradicting the ranks, ≥ 10 % with an edge between equal ranks, ≥ 5 % with a duplicate stage)", () => {
    const warnings = new Set(["KindContradictsRank", "EntryRequiresDecision", "NoGoal", "UnreachableStage", "UnreachableEdge", "DeadStage"])
    const cov = coverage({ contradicts: 0.1, equalRanks: 0.1, duplicate: 0.05 })
    fc.assert(
      fc.property(arbStageGraph, (graph) => {
        cov.run()
        const first = new Map<string, Stage.StageNode>()
        for (const n of graph.nodes) if (!first.has(n.id)) first.set(n.id, n)
        const codes = new Set(graph.reasons.map((r) => r.code))
        const dist = distances(graph)
        const reached = (id: string) => graph.entry.some((s) => first.has(s) && dist.get(s)!.get(id)! < Infinity)
        const expected: Array<string> = []
        graph.nodes.forEach((n, i) => graph.nodes.findIndex((m) => m.id === n.id) < i && expected.push(`DuplicateStage@nodes.${i}.id`))
        graph.edges.forEach((e, i) => {
          if (!first.has(e.from)) expected.push(`UnknownStage@edges.${i}.from`)
          if (!first.has(e.to)) expected.push(`UnknownStage@edges.${i}.to`)
          if (graph.edges.findIndex((o) => o.from === e.from && o.to === e.to) < i) expected.push(`DuplicateEdge@edges.${i}`)
          if (e.from === e.to) expected.push(`SelfLoop@edges.${i}`)
          if (e.reasons.length === 0) expected.push(`EdgeWithoutReason@edges.${i}.reasons`)
          e.reasons.forEach((r, j) => codes.has(r) || expected.push(`UnknownReasonCode@edges.${i}.reasons.${j}`))
          const from = first.get(e.from), to = first.get(e.to)
          if (from !== undefined && to !== undefined) {
            cov.hit("equalRanks", from.rank === to.rank && e.kind !== "lateral")
            const climbs = to.rank > from.rank, descends = to.rank < from.rank
            if ((e.kind === "forward" || e.kind === "skip") && !climbs) expected.push(`KindContradictsRank@edges.${i}.kind`)
            if (e.kind === "regression" && !descends) expected.push(`KindContradictsRank@edges.${i}.kind`)
          }
          if (from !== undefined && !reached(e.from)) expected.push(`UnreachableEdge@edges.${i}`)
        })
        graph.entry.forEach((s, i) => first.has(s) || expected.push(`UnknownStage@entry.${i}`))
        graph.goals.forEach((s, i) => first.has(s) || expected.push(`UnknownStage@goals.${i}`))
        if (graph.entry.length === 0) expected.push("NoEntry@entry")
        if (graph.goals.length === 0) expected.push("NoGoal@goals")
        graph.nodes.forEach((n, i) => {
          if (!reached(n.id)) expected.push(`UnreachableStage@nodes.${i}`)
          if (graph.goals.length > 0 && !graph.goals.some((goal) => first.has(goal) && dist.get(n.id)!.get(goal)! < Infinity)) expected.push(`DeadStage@nodes.${i}`)
        })
        const findings = Stage.validate(graph)
        cov.hit("contradicts", expected.some((x) => x.startsWith("KindContradictsRank")))
        cov.hit("duplicate", expected.some((x) => x.startsWith("DuplicateStage")))
        expect(findings.map((f) => `${f._tag}@${f.path.join(".")}`).sort()).toEqual(expected.sort())
        for (const f of findings) expect(f.severity).toBe(warnings.has(f._tag) ? "warning" : "error")
      })
    )
    cov.check()
  })

  it("every finding's path points into the graph, and make succeeds exactly when there is no error (≥ 20 % of runs with an error, ≥ 3 % without; clean graphs are the next property's)", () => {
    const cov = coverage({ error: 0.2, clean: 0.03 })
    fc.assert(
      fc.property(arbStageGraph, (graph) => {
        cov.run()
        const findings = Stage.validate(graph)
        cov.hit(findings.some((f) => f.severity === "error") ? "error" : "clean")
        for (const f of findings) {
          let at: unknown = graph
          for (const p of f.path) at = (at as Record<string | number, unknown>)[p]
          if (at === undefined) return false
        }
        const hasError = findings.some((f) => f.severity === "error")
        return Result.isSuccess(Stage.make(graph)) === !hasError
      })
    )
    cov.check()
  })

  it("clean graphs have no error findings; edge-covering paths start at an entry, are chains, and cover every reachable edge (≥ 20 % of runs with a path of two edges or more, ≥ 10 % with an unreachable edge)", () => {
    const cov = coverage({ longPath: 0.2, unreachableEdge: 0.1 })
    fc.assert(
      fc.property(arbCleanStageGraph, (graph) => {
        cov.run()
        cov.hit("longPath", Stage.edgeCoveringPaths(graph).some((c) => c.path.length >= 2))
        cov.hit("unreachableEdge", Stage.validate(graph).some((f) => f._tag === "UnreachableEdge"))
        if (Stage.validate(graph).some((f) => f.severity === "error")) return false
        const covering = Stage.edgeCoveringPaths(graph)
        const unreachableEdges = Stage.validate(graph).filter((f) => f._tag === "UnreachableEdge").length
        if (covering.length + unreachableEdges !== graph.edges.length) return false
        return covering.every(({ entry, path }) => {
          let at = entry
          for (const e of path) {
            if (e.from !== at) return false
            at = e.to
          }
          return graph.entry.includes(entry) && path.length > 0
        })
      })
    )
    cov.check()
  })

  it("the Mermaid export is deterministic and names every node and edge (≥ 30 % of runs with three edges or more)", () => {
    const cov = coverage({ edges: 0.3 })
    fc.assert(
      fc.property(arbCleanStageGraph, (graph) => {
        cov.run()
        cov.hit("edges", graph.edges.length >= 3)
        const m = Stage.toMermaid(graph)
        if (m !== Stage.toMermaid(JSON.parse(JSON.stringify(graph)))) return false
        return graph.nodes.every((n) => m.includes(` as ${n.id}\n`)) && graph.edges.every((e) => m.includes(`  ${e.from} --> ${e.to} : ${e.kind} (`))
      })
    )
    cov.check()
  })

  it("generated bad input never throws: make returns a typed error with field paths (≥ 40 % of runs are graphs with a bad field, all refused)", () => {
    const cov = coverage({ badGraph: 0.4 })
    fc.assert(
      fc.property(fc.oneof(fc.anything(), arbStageGraph.map((x) => ({ ...x, nodes: x.nodes.map((n, i) => (i === 0 ? { ...n, rank: "high" } : n)) }))), (input) => {
        cov.run()
        const badGraph = typeof input === "object" && input !== null && "nodes" in input
        cov.hit("badGraph", badGraph)
        const r = Stage.make(input)
        if (Result.isSuccess(r)) return !badGraph
        return r.failure._tag === "StageGraphError" && (r.failure.issues.length > 0 || r.failure.findings.length > 0)
      })
    )
    cov.check()
  })
})
