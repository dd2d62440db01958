/**
 * Support stages (支援段階) and the stage graph as a value.
 *
 * The Kushiro model (釧路モデル) names three autonomy stages — daily living (日常生活自立), social
 * life (社会生活自立) and work (就労自立) — and places intermediate work (中間的就労) between social
 * life and work (docs/glossary.md). A {@link StageGraph} is plain, Schema-described data: its stages,
 * the moves allowed between them (forward, skip, regression, lateral) and, for every move, the
 * reason codes that justify it. Programmes supply their own graphs; {@link kushiroGraph} is the
 * reference one.
 *
 * A graph stage is a *node*. Several nodes may belong to one autonomy stage (`stage` field): the
 * Kushiro graph models intermediate work in two modes, unpaid (非雇用型) and paid (雇用型), because
 * certified work training (認定就労訓練事業) falls back from paid to unpaid and the administration
 * decides which mode applies (P32). Queries such as "time in intermediate work" add up the nodes of
 * one stage.
 *
 * Graph tools: {@link validate} (typed findings: unknown stage, duplicate, edge without reason,
 * unreachable stage or edge, dead stage, ...), {@link shortestPath} / {@link edgeCoveringPaths} (for
 * test generation), {@link toMermaid} (stateDiagram-v2).
 *
 * @since 0.1.0
 * @module
 */
import { Result, Schema } from "effect"
import { formatPath } from "./internal/decode.ts"
import { decodeAll } from "./internal/caseDecode.ts"

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

/**
 * A stage or reason identifier: lower snake case (`intermediate_work`).
 * @category identifiers
 * @since 0.1.0
 * @example
 * ```ts
 * const code: Stage.Code = "intermediate_work_paid"
 * ```
 */
export const Code = Schema.String.check(Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/))
/** @category identifiers */
export type Code = typeof Code.Type

/**
 * The four autonomy stages of the Kushiro model:
 * `daily_living` (日常生活自立), `social_life` (社会生活自立), `intermediate_work` (中間的就労),
 * `employment` (就労自立).
 * @category identifiers
 * @since 0.1.0
 * @example
 * ```ts
 * const stage: Stage.KushiroStage = "social_life" // 社会生活自立
 * ```
 */
export const KushiroStage = Schema.Literals(["daily_living", "social_life", "intermediate_work", "employment"])
/** @category identifiers */
export type KushiroStage = typeof KushiroStage.Type

/**
 * Kind of a move between stages: `forward` (前進), `skip` (段階の飛び越し), `regression` (後退),
 * `lateral` (同一段階内の移行).
 * @category graph
 * @since 0.1.0
 * @example
 * ```ts
 * const kind: Stage.EdgeKind = "regression"
 * ```
 */
export const EdgeKind = Schema.Literals(["forward", "skip", "regression", "lateral"])
/** @category graph */
export type EdgeKind = typeof EdgeKind.Type

// ---------------------------------------------------------------------------------------------
// The graph as data
// ---------------------------------------------------------------------------------------------

/**
 * A node of a stage graph (支援段階).
 * - `id`: the node id used by cases and edges;
 * - `stage`: the autonomy stage the node belongs to (equal to `id` unless the stage has modes);
 * - `rank`: position on the ladder (higher is closer to work), used to check edge kinds;
 * - `requiresDecision`: entering this node needs the administration's support decision (支援決定)
 *   naming it, e.g. paid certified work training (雇用型就労訓練).
 * @category graph
 * @since 0.1.0
 * @example
 * ```ts
 * const node: Stage.StageNode | undefined = Stage.node(Stage.kushiroGraph, "daily_living")
 * ```
 */
export const StageNode = Schema.Struct({
  id: Code,
  stage: Code,
  label: Schema.String,
  labelJa: Schema.String,
  rank: Schema.Int,
  requiresDecision: Schema.optionalKey(Schema.Boolean)
})
/** @category graph */
export type StageNode = typeof StageNode.Type

/**
 * A reason code (理由コード) a stage move must cite, with an optional source reference.
 * @category graph
 * @since 0.1.0
 * @example
 * ```ts
 * const reason: Stage.ReasonCode | undefined = Stage.reasonOf(Stage.kushiroGraph, "job_search_failed")
 * ```
 */
export const ReasonCode = Schema.Struct({
  code: Code,
  label: Schema.String,
  labelJa: Schema.String,
  source: Schema.optionalKey(Schema.String)
})
/** @category graph */
export type ReasonCode = typeof ReasonCode.Type

/**
 * An allowed move (遷移) with the reason codes that may justify it; a move must cite one of them.
 * @category graph
 * @since 0.1.0
 * @example
 * ```ts
 * const edge: Stage.StageEdge | undefined = Stage.edge(Stage.kushiroGraph, "social_life", "intermediate_work_unpaid")
 * ```
 */
export const StageEdge = Schema.Struct({
  from: Code,
  to: Code,
  kind: EdgeKind,
  reasons: Schema.Array(Code)
})
/** @category graph */
export type StageEdge = typeof StageEdge.Type

/**
 * A stage graph (段階グラフ): nodes, edges, reason codes, the nodes an assessment may start a case
 * at (`entry`) and the nodes that count as the goal (`goals`).
 * @category graph
 * @since 0.1.0
 * @example
 * ```ts
 * const graph: Stage.StageGraph = Stage.kushiroGraph
 * graph.entry // ["daily_living", "social_life", "intermediate_work_unpaid", "employment"]
 * ```
 */
export const StageGraph = Schema.Struct({
  id: Code,
  version: Schema.String,
  label: Schema.String,
  labelJa: Schema.String,
  nodes: Schema.Array(StageNode),
  edges: Schema.Array(StageEdge),
  reasons: Schema.Array(ReasonCode),
  entry: Schema.Array(Code),
  goals: Schema.Array(Code),
  citations: Schema.optionalKey(Schema.Array(Schema.String))
})
/** @category graph */
export type StageGraph = typeof StageGraph.Type

// ---------------------------------------------------------------------------------------------
// The Kushiro graph
// ---------------------------------------------------------------------------------------------

const reason = (code: string, label: string, labelJa: string, source: string): ReasonCode => ({ code, label, labelJa, source })

/**
 * The Kushiro model graph (釧路モデル), docs/glossary.md:
 * forward `daily_living → social_life → intermediate_work → employment`; the skip
 * `social_life → employment` for people ready now (S1); the regressions "job search at Hello Work
 * fails → intermediate work" (S1) and "paid → unpaid intermediate work" (inference from P32); and
 * relapses one step down.
 * @category graphs
 * @since 0.1.0
 * @example
 * ```ts
 * Stage.kushiroGraph.nodes.map((n) => n.labelJa) // ["日常生活自立", "社会生活自立", …]
 * ```
 */
export const kushiroGraph: StageGraph = {
  id: "kushiro",
  version: "2026-11-23",
  label: "Kushiro model: three autonomy stages plus intermediate work",
  labelJa: "釧路モデル（三つの自立と中間的就労）",
  nodes: [
    { id: "daily_living", stage: "daily_living", label: "Daily-living autonomy", labelJa: "日常生活自立", rank: 0 },
    { id: "social_life", stage: "social_life", label: "Social autonomy", labelJa: "社会生活自立", rank: 1 },
    {
      id: "intermediate_work_unpaid",
      stage: "intermediate_work",
      label: "Intermediate work, unpaid",
      labelJa: "中間的就労（非雇用型）",
      rank: 2
    },
    {
      id: "intermediate_work_paid",
      stage: "intermediate_work",
      label: "Intermediate work, paid",
      labelJa: "中間的就労（雇用型）",
      rank: 3,
      requiresDecision: true
    },
    { id: "employment", stage: "employment", label: "Work autonomy", labelJa: "就労自立", rank: 4 }
  ],
  edges: [
    { from: "daily_living", to: "social_life", kind: "forward", reasons: ["daily_routine_established", "health_stabilised"] },
    { from: "social_life", to: "intermediate_work_unpaid", kind: "forward", reasons: ["ready_for_work_experience"] },
    { from: "intermediate_work_unpaid", to: "intermediate_work_paid", kind: "forward", reasons: ["ready_for_paid_training"] },
    { from: "intermediate_work_unpaid", to: "employment", kind: "forward", reasons: ["ready_for_job_search", "job_offer"] },
    { from: "intermediate_work_paid", to: "employment", kind: "forward", reasons: ["ready_for_job_search", "job_offer"] },
    { from: "social_life", to: "employment", kind: "skip", reasons: ["ready_now"] },
    { from: "employment", to: "intermediate_work_unpaid", kind: "regression", reasons: ["job_search_failed", "separated"] },
    { from: "intermediate_work_paid", to: "intermediate_work_unpaid", kind: "regression", reasons: ["paid_training_not_sustained"] },
    { from: "intermediate_work_unpaid", to: "social_life", kind: "regression", reasons: ["withdrawal_risk", "health_deteriorated"] },
    { from: "social_life", to: "daily_living", kind: "regression", reasons: ["health_deteriorated", "daily_routine_lost"] }
  ],
  reasons: [
    reason("daily_routine_established", "Daily routine established", "生活リズムの確立", "P16"),
    reason("health_stabilised", "Health stabilised", "心身の状態の安定", "P16"),
    reason("ready_for_work_experience", "Ready for work experience or volunteering", "就労体験・ボランティアへの準備が整った", "S1"),
    reason("ready_for_paid_training", "Ready for paid work training", "雇用型就労訓練への移行", "P32"),
    reason("ready_for_job_search", "Ready for job search", "求職活動の準備が整った", "S1"),
    reason("job_offer", "Job offer received", "内定", "S1"),
    reason("ready_now", "Ready to work now: sent straight to Hello Work", "直ちに就労可能（ハローワークへ直接）", "S1"),
    reason("job_search_failed", "Job search at Hello Work failed", "ハローワークでの求職活動が不調", "S1"),
    reason("separated", "Left the job", "離職", "S1"),
    reason("paid_training_not_sustained", "Paid training not sustained", "雇用型の継続が困難", "P32"),
    reason("withdrawal_risk", "Risk of relapse into withdrawal", "ひきこもりへの逆戻りのおそれ", "S1"),
    reason("health_deteriorated", "Health deteriorated", "心身の状態の悪化", "inference"),
    reason("daily_routine_lost", "Daily routine lost", "生活リズムの乱れ", "inference")
  ],
  entry: ["daily_living", "social_life", "intermediate_work_unpaid", "employment"],
  goals: ["employment"],
  citations: ["docs/glossary.md", "S1 (Kushiro)", "P32", "P34"]
}

// ---------------------------------------------------------------------------------------------
// Index (cached per graph value)
// ---------------------------------------------------------------------------------------------

interface GraphIndex {
  readonly nodes: ReadonlyMap<string, StageNode>
  readonly out: ReadonlyMap<string, ReadonlyMap<string, StageEdge>>
  readonly reasons: ReadonlyMap<string, ReasonCode>
}

const indexCache = new WeakMap<StageGraph, GraphIndex>()

const buildIndex = (graph: StageGraph): GraphIndex => {
  const nodes = new Map<string, StageNode>()
  for (const n of graph.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n)
  const out = new Map<string, Map<string, StageEdge>>()
  for (const e of graph.edges) {
    let targets = out.get(e.from)
    if (targets === undefined) out.set(e.from, (targets = new Map()))
    if (!targets.has(e.to)) targets.set(e.to, e)
  }
  const reasons = new Map<string, ReasonCode>()
  for (const r of graph.reasons) if (!reasons.has(r.code)) reasons.set(r.code, r)
  return { nodes, out, reasons }
}

const indexOf = (graph: StageGraph): GraphIndex => {
  let index = indexCache.get(graph)
  if (index === undefined) indexCache.set(graph, (index = buildIndex(graph)))
  return index
}

const NO_EDGES: ReadonlyMap<string, StageEdge> = new Map()

/**
 * The node with this id, if the graph has it. @category queries @since 0.1.0
 * @example
 * ```ts
 * Stage.node(Stage.kushiroGraph, "social_life")?.labelJa // "社会生活自立"
 * ```
 */
export const node = (graph: StageGraph, id: string): StageNode | undefined => indexOf(graph).nodes.get(id)

/**
 * The edge `from → to`, if the graph allows that move. @category queries @since 0.1.0
 * @example
 * ```ts
 * Stage.edge(Stage.kushiroGraph, "employment", "daily_living") // undefined when the graph does not allow the move
 * ```
 */
export const edge = (graph: StageGraph, from: string, to: string): StageEdge | undefined =>
  indexOf(graph).out.get(from)?.get(to)

/**
 * The edges leaving `from` (in graph order). @category queries @since 0.1.0
 * @example
 * ```ts
 * Stage.outgoing(Stage.kushiroGraph, "social_life").map((e) => `${e.to} (${e.kind})`)
 * ```
 */
export const outgoing = (graph: StageGraph, from: string): ReadonlyArray<StageEdge> => [
  ...(indexOf(graph).out.get(from) ?? NO_EDGES).values()
]

/**
 * The reason code entry, if the graph defines it. @category queries @since 0.1.0
 * @example
 * ```ts
 * Stage.reasonOf(Stage.kushiroGraph, "ready_for_job_search")?.labelJa
 * ```
 */
export const reasonOf = (graph: StageGraph, code: string): ReasonCode | undefined => indexOf(graph).reasons.get(code)

/**
 * The node ids belonging to one autonomy stage (e.g. both modes of intermediate work). @category queries @since 0.1.0
 * @example
 * ```ts
 * Stage.nodesOfStage(Stage.kushiroGraph, "intermediate_work") // ["intermediate_work_unpaid", "intermediate_work_paid"]
 * ```
 */
export const nodesOfStage = (graph: StageGraph, stage: string): ReadonlyArray<string> =>
  graph.nodes.filter((n) => n.stage === stage).map((n) => n.id)

// ---------------------------------------------------------------------------------------------
// Validation: typed findings
// ---------------------------------------------------------------------------------------------

const findingFields = {
  severity: Schema.Literals(["error", "warning"]),
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String
}

/**
 * What {@link validate} can find in a graph. `error` findings make a graph unusable
 * ({@link make} refuses it); `warning` findings are legal but usually mistakes.
 * @category validation
 * @since 0.1.0
 * @example
 * ```ts
 * const findings: ReadonlyArray<Stage.Finding> = Stage.validate(Stage.kushiroGraph) // [] for the reference graph
 * ```
 */
export const Finding = Schema.TaggedUnion({
  /** An edge, entry or goal names a node the graph does not have (未定義の段階). */
  UnknownStage: { ...findingFields, stage: Schema.String },
  /** Two nodes share an id. */
  DuplicateStage: { ...findingFields, stage: Schema.String },
  /** Two edges connect the same pair of nodes. */
  DuplicateEdge: { ...findingFields, from: Schema.String, to: Schema.String },
  /** Two reason entries share a code. */
  DuplicateReason: { ...findingFields, code: Schema.String },
  /** An edge from a node to itself: a move that changes nothing. */
  SelfLoop: { ...findingFields, stage: Schema.String },
  /** An edge that lists no reason code: every move must carry one. */
  EdgeWithoutReason: { ...findingFields, from: Schema.String, to: Schema.String },
  /** An edge cites a reason code the graph does not define. */
  UnknownReasonCode: { ...findingFields, from: Schema.String, to: Schema.String, code: Schema.String },
  /** The graph has no entry node: no assessment could start a case. */
  NoEntry: { ...findingFields },
  /** The graph has no goal node. */
  NoGoal: { ...findingFields },
  /** No path from any entry node reaches this node. */
  UnreachableStage: { ...findingFields, stage: Schema.String },
  /** The edge leaves a node no entry reaches, so it can never be taken. */
  UnreachableEdge: { ...findingFields, from: Schema.String, to: Schema.String },
  /** No goal can be reached from this node: a case there is stuck (dead state). */
  DeadStage: { ...findingFields, stage: Schema.String },
  /** An entry stage that needs a support decision: an assessment, which comes before any decision, could not start there. */
  EntryRequiresDecision: { ...findingFields, stage: Schema.String },
  /** The edge kind contradicts the ranks (a `forward` edge going down, a `regression` going up). */
  KindContradictsRank: { ...findingFields, from: Schema.String, to: Schema.String, kind: EdgeKind }
})
/** @category validation */
export type Finding = typeof Finding.Type

type Path = ReadonlyArray<string | number>

const reachableFrom = (graph: StageGraph, starts: Iterable<string>): ReadonlySet<string> => {
  const { out, nodes } = indexOf(graph)
  const seen = new Set<string>()
  const queue: Array<string> = []
  for (const s of starts) if (nodes.has(s) && !seen.has(s)) (seen.add(s), queue.push(s))
  for (let i = 0; i < queue.length; i++) {
    for (const to of (out.get(queue[i]!) ?? NO_EDGES).keys()) {
      if (nodes.has(to) && !seen.has(to)) (seen.add(to), queue.push(to))
    }
  }
  return seen
}

/** Nodes from which some goal can be reached (backward search from the goals). */
const coReachableToGoals = (graph: StageGraph): ReadonlySet<string> => {
  const { nodes } = indexOf(graph)
  const incoming = new Map<string, Array<string>>()
  for (const e of graph.edges) {
    if (!nodes.has(e.from) || !nodes.has(e.to)) continue
    const list = incoming.get(e.to)
    if (list === undefined) incoming.set(e.to, [e.from])
    else list.push(e.from)
  }
  const seen = new Set<string>()
  const queue: Array<string> = []
  for (const g of graph.goals) if (nodes.has(g) && !seen.has(g)) (seen.add(g), queue.push(g))
  for (let i = 0; i < queue.length; i++) {
    for (const from of incoming.get(queue[i]!) ?? []) if (!seen.has(from)) (seen.add(from), queue.push(from))
  }
  return seen
}

const structuralFindings = (graph: StageGraph): Array<Finding> => {
  const findings: Array<Finding> = []
  const { nodes, reasons } = indexOf(graph)
  const seenNodes = new Set<string>()
  graph.nodes.forEach((n, i) => {
    if (seenNodes.has(n.id)) {
      findings.push(Finding.cases.DuplicateStage.make({ severity: "error", path: ["nodes", i, "id"], message: `stage "${n.id}" is defined twice`, stage: n.id }))
    }
    seenNodes.add(n.id)
  })
  const seenReasons = new Set<string>()
  graph.reasons.forEach((r, i) => {
    if (seenReasons.has(r.code)) {
      findings.push(Finding.cases.DuplicateReason.make({ severity: "error", path: ["reasons", i, "code"], message: `reason "${r.code}" is defined twice`, code: r.code }))
    }
    seenReasons.add(r.code)
  })
  const unknownStage = (stage: string, path: Path): void => {
    if (!nodes.has(stage)) {
      findings.push(Finding.cases.UnknownStage.make({ severity: "error", path, message: `"${stage}" at ${formatPath(path)} is not a stage of graph "${graph.id}"`, stage }))
    }
  }
  const seenEdges = new Set<string>()
  graph.edges.forEach((e, i) => {
    unknownStage(e.from, ["edges", i, "from"])
    unknownStage(e.to, ["edges", i, "to"])
    const key = `${e.from}\u0000${e.to}`
    if (seenEdges.has(key)) {
      findings.push(Finding.cases.DuplicateEdge.make({ severity: "error", path: ["edges", i], message: `edge ${e.from} → ${e.to} is defined twice`, from: e.from, to: e.to }))
    }
    seenEdges.add(key)
    if (e.from === e.to) {
      findings.push(Finding.cases.SelfLoop.make({ severity: "error", path: ["edges", i], message: `edge ${e.from} → ${e.to} goes nowhere`, stage: e.from }))
    }
    if (e.reasons.length === 0) {
      findings.push(Finding.cases.EdgeWithoutReason.make({ severity: "error", path: ["edges", i, "reasons"], message: `edge ${e.from} → ${e.to} lists no reason code`, from: e.from, to: e.to }))
    }
    e.reasons.forEach((code, j) => {
      if (!reasons.has(code)) {
        findings.push(Finding.cases.UnknownReasonCode.make({ severity: "error", path: ["edges", i, "reasons", j], message: `edge ${e.from} → ${e.to} cites undefined reason "${code}"`, from: e.from, to: e.to, code }))
      }
    })
    const from = nodes.get(e.from)
    const to = nodes.get(e.to)
    if (from !== undefined && to !== undefined && rankContradicts(e.kind, from.rank, to.rank)) {
      findings.push(Finding.cases.KindContradictsRank.make({ severity: "warning", path: ["edges", i, "kind"], message: `edge ${e.from} (rank ${from.rank}) → ${e.to} (rank ${to.rank}) is marked ${e.kind}`, from: e.from, to: e.to, kind: e.kind }))
    }
  })
  graph.entry.forEach((s, i) => {
    unknownStage(s, ["entry", i])
    if (nodes.get(s)?.requiresDecision === true) {
      findings.push(Finding.cases.EntryRequiresDecision.make({ severity: "warning", path: ["entry", i], message: `entry stage "${s}" needs a support decision, which an assessment cannot have`, stage: s }))
    }
  })
  graph.goals.forEach((s, i) => unknownStage(s, ["goals", i]))
  if (graph.entry.length === 0) findings.push(Finding.cases.NoEntry.make({ severity: "error", path: ["entry"], message: "the graph has no entry stage" }))
  if (graph.goals.length === 0) findings.push(Finding.cases.NoGoal.make({ severity: "warning", path: ["goals"], message: "the graph has no goal stage" }))
  return findings
}

const rankContradicts = (kind: EdgeKind, from: number, to: number): boolean =>
  kind === "forward" || kind === "skip" ? to <= from : kind === "regression" ? to >= from : false

const reachabilityFindings = (graph: StageGraph): Array<Finding> => {
  const findings: Array<Finding> = []
  const reachable = reachableFrom(graph, graph.entry)
  const live = coReachableToGoals(graph)
  graph.nodes.forEach((n, i) => {
    if (!reachable.has(n.id)) {
      findings.push(Finding.cases.UnreachableStage.make({ severity: "warning", path: ["nodes", i], message: `no entry stage leads to "${n.id}"`, stage: n.id }))
    }
    if (graph.goals.length > 0 && !live.has(n.id)) {
      findings.push(Finding.cases.DeadStage.make({ severity: "warning", path: ["nodes", i], message: `no goal stage can be reached from "${n.id}"`, stage: n.id }))
    }
  })
  graph.edges.forEach((e, i) => {
    if (indexOf(graph).nodes.has(e.from) && !reachable.has(e.from)) {
      findings.push(Finding.cases.UnreachableEdge.make({ severity: "warning", path: ["edges", i], message: `edge ${e.from} → ${e.to} leaves an unreachable stage`, from: e.from, to: e.to }))
    }
  })
  return findings
}

/**
 * Checks a graph: structure (unknown or duplicate stages, duplicate edges, self-loops, edges
 * without or with undefined reasons, no entry) and reachability (stages and edges no entry reaches,
 * dead stages from which no goal is reachable, kinds contradicting ranks). Returns every finding;
 * an empty array means a clean graph.
 * @category validation
 * @since 0.1.0
 * @example
 * ```ts
 * Stage.validate({ ...Stage.kushiroGraph, edges: [] }).map((f) => f._tag) // unreachable stages, dead ends, …
 * ```
 */
export const validate = (graph: StageGraph): ReadonlyArray<Finding> => [
  ...structuralFindings(graph),
  ...reachabilityFindings(graph)
]

/**
 * A graph that fails to decode or has `error` findings.
 * @category validation
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Stage.make({ id: "demo" })
 * if (r._tag === "Failure") { const e: Stage.StageGraphError = r.failure; console.log(e.message) }
 * ```
 */
export const StageGraphError = Schema.TaggedStruct("StageGraphError", {
  message: Schema.String,
  issues: Schema.Array(Schema.Struct({ path: Schema.Array(Schema.Union([Schema.String, Schema.Number])), message: Schema.String })),
  findings: Schema.Array(Finding)
})
/** @category validation */
export type StageGraphError = typeof StageGraphError.Type

const decodeGraph = decodeAll(StageGraph)

/**
 * Decodes and validates a graph supplied by a programme (e.g. parsed JSON). Fails with the decode
 * issues (each with its field path) or with the `error` findings; warnings are allowed and can be
 * read with {@link validate}.
 * @category constructors
 * @since 0.1.0
 * @example
 * ```ts
 * const r = Stage.make(JSON.parse(JSON.stringify(Stage.kushiroGraph)))
 * console.log(r._tag) // "Success": decoded and validated
 * ```
 */
export const make = (input: unknown): Result.Result<StageGraph, StageGraphError> => {
  const decoded = decodeGraph(input)
  if (Result.isFailure(decoded)) {
    const issues = decoded.failure
    return Result.fail(StageGraphError.make({ message: `invalid stage graph: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ")}`, issues, findings: [] }))
  }
  const errors = validate(decoded.success).filter((f) => f.severity === "error")
  return errors.length === 0
    ? Result.succeed(decoded.success)
    : Result.fail(StageGraphError.make({ message: `stage graph "${decoded.success.id}" has errors: ${errors.map((f) => f.message).join("; ")}`, issues: [], findings: errors }))
}

// ---------------------------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------------------------

/**
 * Shortest paths (fewest moves) from `from` to every node reachable from it, as edge lists.
 * Ties are broken by graph edge order, so the result is deterministic.
 * @category paths
 * @since 0.1.0
 * @example
 * ```ts
 * Stage.shortestPaths(Stage.kushiroGraph, "daily_living").get("employment")?.map((e) => e.to)
 * ```
 */
export const shortestPaths = (graph: StageGraph, from: string): ReadonlyMap<string, ReadonlyArray<StageEdge>> => {
  const { out, nodes } = indexOf(graph)
  const paths = new Map<string, ReadonlyArray<StageEdge>>()
  if (!nodes.has(from)) return paths
  paths.set(from, [])
  const queue = [from]
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!
    const sofar = paths.get(at)!
    for (const [to, e] of out.get(at) ?? NO_EDGES) {
      if (nodes.has(to) && !paths.has(to)) {
        paths.set(to, [...sofar, e])
        queue.push(to)
      }
    }
  }
  return paths
}

/**
 * The shortest path (fewest moves) from `from` to `to`: `[]` when they are equal, `undefined`
 * when `to` cannot be reached.
 * @category paths
 * @since 0.1.0
 * @example
 * ```ts
 * Stage.shortestPath(Stage.kushiroGraph, "daily_living", "employment")?.length
 * ```
 */
export const shortestPath = (graph: StageGraph, from: string, to: string): ReadonlyArray<StageEdge> | undefined =>
  shortestPaths(graph, from).get(to)

/**
 * For test generation (as `xstate/graph` does): for every edge that can be taken, the shortest
 * path from an entry stage that ends with that edge. Walking all of them covers every edge.
 * @category paths
 * @since 0.1.0
 * @example
 * ```ts
 * Stage.edgeCoveringPaths(Stage.kushiroGraph).flatMap((p) => p.path).length // ≥ the number of edges: every edge is visited
 * ```
 */
export const edgeCoveringPaths = (
  graph: StageGraph
): ReadonlyArray<{ readonly entry: string; readonly path: ReadonlyArray<StageEdge> }> => {
  const fromEntries = graph.entry.map((entry) => ({ entry, paths: shortestPaths(graph, entry) }))
  const result: Array<{ readonly entry: string; readonly path: ReadonlyArray<StageEdge> }> = []
  for (const e of graph.edges) {
    let best: { readonly entry: string; readonly path: ReadonlyArray<StageEdge> } | undefined
    for (const { entry, paths } of fromEntries) {
      const prefix = paths.get(e.from)
      if (prefix !== undefined && indexOf(graph).nodes.has(e.to) && (best === undefined || prefix.length + 1 < best.path.length)) {
        best = { entry, path: [...prefix, e] }
      }
    }
    if (best !== undefined) result.push(best)
  }
  return result
}

/**
 * Node ids reachable from `from` (including itself). @category paths @since 0.1.0
 * @example
 * ```ts
 * Stage.reachable(Stage.kushiroGraph, "daily_living").has("employment") // true
 * ```
 */
export const reachable = (graph: StageGraph, from: string): ReadonlySet<string> => reachableFrom(graph, [from])

// ---------------------------------------------------------------------------------------------
// Mermaid
// ---------------------------------------------------------------------------------------------

/**
 * Options of {@link toMermaid}. @category mermaid @since 0.1.0
 * @example
 * ```ts
 * const options: Stage.MermaidOptions = { labels: "ja", reasons: false }
 * ```
 */
export interface MermaidOptions {
  /** Which labels to show on stages: Japanese, English, or both (default). */
  readonly labels?: "ja" | "en" | "both"
  /** Show the reason codes on the edges (default true). */
  readonly reasons?: boolean
}

const mermaidText = (s: string): string => s.replace(/[":;{}<>]/g, " ").replace(/\s+/g, " ").trim()

const nodeLabel = (n: StageNode, labels: "ja" | "en" | "both"): string =>
  mermaidText(labels === "ja" ? n.labelJa : labels === "en" ? n.label : `${n.labelJa} ${n.id}`)

/**
 * Renders the graph as a Mermaid `stateDiagram-v2`: entry stages from `[*]`, nodes of one
 * autonomy stage grouped in a composite state, each edge labelled with its kind and reason codes.
 * Deterministic (graph order), so a document can embed it and a test can compare.
 * @category mermaid
 * @since 0.1.0
 * @example
 * ```ts
 * Stage.toMermaid(Stage.kushiroGraph, { labels: "en" }).startsWith("stateDiagram-v2") // true
 * ```
 */
export const toMermaid = (graph: StageGraph, options: MermaidOptions = {}): string => {
  const labels = options.labels ?? "both"
  const showReasons = options.reasons ?? true
  const nodeIds = new Set(graph.nodes.map((n) => n.id))
  const lines = ["stateDiagram-v2", "  direction LR"]
  const groups = new Map<string, Array<StageNode>>()
  for (const n of graph.nodes) {
    const list = groups.get(n.stage)
    if (list === undefined) groups.set(n.stage, [n])
    else list.push(n)
  }
  for (const [stage, members] of groups) {
    if (members.length === 1 && members[0]!.id === stage) {
      lines.push(`  state "${nodeLabel(members[0]!, labels)}" as ${stage}`)
      continue
    }
    const groupId = nodeIds.has(stage) ? `${stage}_group` : stage
    lines.push(`  state ${groupId} {`)
    for (const m of members) lines.push(`    state "${nodeLabel(m, labels)}" as ${m.id}`)
    lines.push("  }")
  }
  for (const entry of graph.entry) lines.push(`  [*] --> ${entry}`)
  for (const e of graph.edges) {
    const label = showReasons ? `${e.kind} (${e.reasons.join(", ")})` : e.kind
    lines.push(`  ${e.from} --> ${e.to} : ${label}`)
  }
  return lines.join("\n") + "\n"
}
