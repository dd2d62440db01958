// Generators for the laws: stage graphs, models over them (substates, exits, covariates, month
// pieces, rows with every kind of probability, including 0 and 1), cohort specs and seeds.
import type { Stage } from "@jiritsu/core"
import fc from "fast-check"
import { Cohort, Model } from "../src/index.ts"

export interface GenOptions {
  readonly maxNodes?: number
  /** Allow rows restricted to month ranges. */
  readonly pieces?: boolean
  readonly maxCovariates?: number
  readonly substates?: boolean
  readonly exits?: boolean
}

const graphArb = (maxNodes: number): fc.Arbitrary<Stage.StageGraph> =>
  fc.integer({ min: 2, max: maxNodes }).chain((n) => {
    const pairs: Array<readonly [number, number]> = []
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) pairs.push([i, j])
    return fc.tuple(fc.subarray(pairs, { minLength: 1 }), fc.subarray(Array.from({ length: n - 1 }, (_, i) => i + 1))).map(([edges, entry]): Stage.StageGraph => ({
      id: "generated",
      version: "1",
      label: "generated graph",
      labelJa: "生成グラフ",
      nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, stage: `n${i}`, label: `Node ${i}`, labelJa: `段階${i}`, rank: i })),
      edges: edges.map(([i, j]) => ({ from: `n${i}`, to: `n${j}`, kind: j > i ? ("forward" as const) : ("regression" as const), reasons: ["moved"] })),
      reasons: [{ code: "moved", label: "moved", labelJa: "移行" }],
      entry: ["n0", ...entry.map((i) => `n${i}`)],
      goals: [`n${n - 1}`]
    }))
  })

/** Weights → probabilities summing to 1 (exactly, up to rounding), staying first. */
const rowFrom = (from: string, outcomes: ReadonlyArray<string>, weights: ReadonlyArray<number>): Model.Row["p"] => {
  const total = weights.reduce((a, b) => a + b, 0)
  const p: Record<string, number> = {}
  outcomes.forEach((o, i) => (p[o] = weights[i]! / total))
  if (total === 0) return { [from]: 1 }
  return p
}

const weightsFor = (n: number): fc.Arbitrary<ReadonlyArray<number>> =>
  fc.oneof(
    // Mostly staying, as real monthly rows are.
    fc.tuple(fc.integer({ min: 5, max: 40 }), fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n - 1, maxLength: n - 1 })).map(([stay, rest]) => [stay, ...rest]),
    // Anything, including rows that never stay (probability 1 of moving) and rows that never move.
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n })
  )

/** A valid model with its generated pieces; `model` is checked by Model.make. */
export const model = (options: GenOptions = {}): fc.Arbitrary<Model.Model> =>
  graphArb(options.maxNodes ?? 5).chain((graph) => {
    const goal = graph.goals[0]!
    return fc
      .record({
        substate: options.substates === false ? fc.constant(false) : fc.boolean(),
        exits: options.exits === false ? fc.constant(0) : fc.integer({ min: 0, max: 2 }),
        covariates: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: options.maxCovariates ?? 2 }),
        timeScale: fc.constantFrom("calendar" as const, "since-entry" as const)
      })
      .chain(({ substate, exits, covariates, timeScale }) => {
        const substates: ReadonlyArray<Model.Substate> = substate ? [{ id: "placed", node: goal, label: "placed", labelJa: "就職", placement: true }] : []
        const exitStates: ReadonlyArray<Model.ExitState> = Array.from({ length: exits }, (_, i) => ({ id: `x${i}`, label: `exit ${i}`, labelJa: `退出${i}`, recordedAs: i === 0 ? ("welfare_exit" as const) : ("case_closed" as const) }))
        const covs: ReadonlyArray<Model.Covariate> = covariates.map((levels, i) => ({ name: `c${i}`, label: `c${i}`, labelJa: `共変量${i}`, levels: Array.from({ length: levels }, (_, j) => ({ id: `l${j}`, label: `l${j}`, labelJa: `水準${j}` })) }))
        const skeleton: Model.Model = { id: "generated", label: "generated", labelJa: "生成モデル", graph, substates, exits: exitStates, covariates: covs, timeScale, rows: [] }
        const states = Model.states(skeleton)
        const live = states.filter((s) => s.kind !== "exit")
        const outcomesOf = (s: Model.StateInfo): ReadonlyArray<string> => [s.id, ...states.filter((t) => t.id !== s.id && Model.classify(skeleton, s, t) !== undefined).map((t) => t.id)]
        const rowArb = (s: Model.StateInfo, extra: Partial<Model.Row>): fc.Arbitrary<Model.Row> => {
          const outcomes = outcomesOf(s)
          return weightsFor(outcomes.length).map((w) => ({ from: s.id, ...extra, p: rowFrom(s.id, outcomes, w) }))
        }
        const perState = live.map((s) =>
          fc
            .record({
              base: rowArb(s, {}),
              byLevel: covs.length === 0 ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: covs[0]!.levels.length - 1 }).chain((l) => rowArb(s, { when: { c0: `l${l}` } })), { nil: undefined }),
              byMonths: options.pieces === false ? fc.constant(undefined) : fc.option(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 10 })).chain(([from, len]) => rowArb(s, { months: { from, until: from + len } })), { nil: undefined })
            })
            .map((r) => [r.base, ...(r.byLevel === undefined ? [] : [r.byLevel]), ...(r.byMonths === undefined ? [] : [r.byMonths])])
        )
        return fc.tuple(...perState).map((rows) => Model.unsafeMake({ ...skeleton, rows: rows.flat() }))
      })
  })

/** A cohort spec for a model: groups in non-exit states (entry stages when `entryOnly`), any profile, staggered entry sometimes. */
export const cohortSpec = (m: Model.Model, options: { readonly maxCount?: number; readonly entryOnly?: boolean; readonly maxEntry?: number } = {}): fc.Arbitrary<Cohort.CohortSpec> => {
  const states = Model.states(m).filter((s) => s.kind !== "exit" && (options.entryOnly !== true || (s.kind === "node" && m.graph.entry.includes(s.id)) || (s.kind === "substate" && m.graph.entry.includes(s.node!))))
  const profiles = Model.profiles(m)
  const maxEntry = options.maxEntry ?? 12
  const group = fc.record({
    stage: fc.constantFrom(...states.map((s) => s.id)),
    profile: fc.constantFrom(...profiles),
    count: fc.integer({ min: 0, max: options.maxCount ?? 30 }),
    entry: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: maxEntry }), fc.tuple(fc.integer({ min: 0, max: maxEntry }), fc.integer({ min: 1, max: 6 })).map(([from, len]) => ({ from, until: from + len })))
  })
  return fc.array(group, { minLength: 1, maxLength: 4 }).map((groups) => ({
    groups: groups.map((g) => ({ stage: g.stage, covariates: { ...g.profile }, count: g.count, ...(g.entry === undefined ? {} : { entry: g.entry }) }))
  }))
}

export const seed = fc.integer({ min: 0, max: 0xffffffff })

/** A model, a cohort for it, a horizon and a seed. */
export const scenario = (options: GenOptions & { readonly maxCount?: number; readonly maxMonths?: number; readonly entryOnly?: boolean } = {}) =>
  model(options).chain((m) =>
    fc.record({
      model: fc.constant(m),
      spec: cohortSpec(m, { ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }), ...(options.entryOnly === undefined ? {} : { entryOnly: options.entryOnly }) }),
      months: fc.integer({ min: 0, max: options.maxMonths ?? 24 }),
      seed
    })
  )

/** Counts how often each labelled case occurs across a property's runs. */
export const coverage = () => {
  const counts = new Map<string, number>()
  let runs = 0
  return {
    run: () => void runs++,
    hit: (label: string, when = true) => void (when && counts.set(label, (counts.get(label) ?? 0) + 1)),
    share: (label: string) => (runs === 0 ? 0 : (counts.get(label) ?? 0) / runs),
    get runs() {
      return runs
    }
  }
}
