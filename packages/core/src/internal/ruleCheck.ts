// Static checks of a rule tree: findings a rules team wants before a rule goes live.
import { Schema } from "effect"
import { Labels } from "../Fact.ts"
import type { Scalar } from "../Fact.ts"
import { childrenOf, compareLeaf, orderedExceptions, T } from "./ruleCompile.ts"
import type { Exception, Rule } from "./ruleSchema.ts"

const Severity = Schema.Literals(["error", "warning"])

export const DuplicateClauseId = Schema.TaggedStruct("DuplicateClauseId", {
  severity: Severity,
  clauseId: Schema.String,
  count: Schema.Int,
  message: Labels
})
export const EmptyRange = Schema.TaggedStruct("EmptyRange", { severity: Severity, clauseId: Schema.String, message: Labels })
export const ContradictoryClauses = Schema.TaggedStruct("ContradictoryClauses", {
  severity: Severity,
  clauseId: Schema.String,
  fact: Schema.String,
  clauseIds: Schema.Array(Schema.String),
  message: Labels
})
export const ConstantClause = Schema.TaggedStruct("ConstantClause", {
  severity: Severity,
  clauseId: Schema.String,
  value: Schema.Boolean,
  message: Labels
})
export const ClauseNeverMatters = Schema.TaggedStruct("ClauseNeverMatters", {
  severity: Severity,
  clauseId: Schema.String,
  parentId: Schema.String,
  reason: Schema.Literals(["decided_by_constant_sibling", "neutral_constant", "unreachable_exception"]),
  message: Labels
})
export const OverlayConflict = Schema.TaggedStruct("OverlayConflict", {
  severity: Severity,
  clauseId: Schema.String,
  priority: Schema.Int,
  exceptionIds: Schema.Array(Schema.String),
  message: Labels
})

export const RuleFinding = Schema.Union([DuplicateClauseId, EmptyRange, ContradictoryClauses, ConstantClause, ClauseNeverMatters, OverlayConflict])
export type RuleFinding = typeof RuleFinding.Type

// --- value constraints on one fact, for contradiction detection ---------------------------------

interface Constraint {
  readonly id: string
  readonly kind: "value" | "age"
  readonly lo?: { readonly v: number | string; readonly incl: boolean }
  readonly hi?: { readonly v: number | string; readonly incl: boolean }
  readonly set?: ReadonlyArray<Scalar>
  /** Values the fact must not have (≠). */
  readonly not?: ReadonlyArray<Scalar>
}

const BOOLEANS: ReadonlyArray<boolean> = [false, true]

const constraintOf = (node: Rule): { fact: string; c: Constraint } | undefined => {
  switch (node.kind) {
    case "compare": {
      const v = node.value
      if (node.op === "eq") return { fact: node.fact, c: { id: node.id, kind: "value", set: [v] } }
      // Everything known differs from NaN: x ≠ NaN excludes nothing.
      if (node.op === "neq") return Number.isNaN(v) ? undefined : { fact: node.fact, c: { id: node.id, kind: "value", not: [v] } }
      // Order on booleans (false < true) leaves a set of at most two values, not an interval.
      if (typeof v === "boolean") return { fact: node.fact, c: { id: node.id, kind: "value", set: BOOLEANS.filter((b) => compareLeaf(node.op, b, v) === T) } }
      if (node.op === "gt" || node.op === "gte") return { fact: node.fact, c: { id: node.id, kind: "value", lo: { v, incl: node.op === "gte" } } }
      return { fact: node.fact, c: { id: node.id, kind: "value", hi: { v, incl: node.op === "lte" } } }
    }
    case "in":
      return { fact: node.fact, c: { id: node.id, kind: "value", set: node.values } }
    case "between":
      return { fact: node.fact, c: { id: node.id, kind: "value", lo: { v: node.min, incl: true }, hi: { v: node.max, incl: true } } }
    case "age":
      return {
        fact: node.fact,
        c: {
          id: node.id,
          kind: "age",
          ...(node.min !== undefined ? { lo: { v: node.min, incl: true } } : {}),
          ...(node.max !== undefined ? { hi: { v: node.max, incl: true } } : {})
        }
      }
    default:
      return undefined
  }
}

const satisfies = (c: Constraint, v: Scalar): boolean => {
  if (c.set !== undefined && !c.set.includes(v)) return false
  if (c.not !== undefined && c.not.includes(v)) return false
  if (c.lo !== undefined && (typeof v !== typeof c.lo.v || (c.lo.incl ? v < c.lo.v : v <= c.lo.v))) return false
  if (c.hi !== undefined && (typeof v !== typeof c.hi.v || (c.hi.incl ? v > c.hi.v : v >= c.hi.v))) return false
  return true
}

const intervalsMeet = (a: Constraint, b: Constraint): boolean => {
  const lo = [a.lo, b.lo].filter((x) => x !== undefined)
  const hi = [a.hi, b.hi].filter((x) => x !== undefined)
  const all = [...lo, ...hi]
  if (all.some((x) => typeof x.v !== typeof all[0]!.v)) return false
  for (const l of lo) {
    for (const h of hi) {
      if (l.v > h.v || (l.v === h.v && !(l.incl && h.incl))) return false
    }
  }
  return true
}

/** Can one value satisfy both constraints? */
const compatible = (a: Constraint, b: Constraint): boolean => {
  if (a.kind !== b.kind) return true
  if (a.set !== undefined) return a.set.some((v) => satisfies(b, v))
  if (b.set !== undefined) return b.set.some((v) => satisfies(a, v))
  // Without a list, ≠ excludes one value: only an interval of that single point is left empty.
  const excluded = [...(a.not ?? []), ...(b.not ?? [])]
  const point = [a, b].find((c) => c.lo !== undefined && c.hi !== undefined && c.lo.incl && c.hi.incl && c.lo.v === c.hi.v)
  if (point !== undefined && excluded.includes(point.lo!.v)) return false
  return intervalsMeet(a, b)
}

const emptyRange = (node: Rule): boolean => {
  switch (node.kind) {
    case "between":
      return typeof node.min !== typeof node.max || node.min > node.max
    case "age":
      return node.min !== undefined && node.max !== undefined && node.min > node.max
    case "dateIn":
    case "asOfIn":
      return node.from !== undefined && node.until !== undefined && node.from >= node.until
    case "in":
    case "intersects":
      return node.values.length === 0
    default:
      return false
  }
}

const text = (ja: string, en: string) => ({ ja, en })

/** Runs every static check on a rule tree. */
export const checkRule = (rule: Rule): ReadonlyArray<RuleFinding> => {
  const findings: Array<RuleFinding> = []
  const ids = new Map<string, number>()
  const constants = new Map<Rule | Exception, boolean | undefined>()

  const walk = (node: Rule | Exception): void => {
    ids.set(node.id, (ids.get(node.id) ?? 0) + 1)
    for (const child of childrenOf(node)) walk(child)
    if (node.kind !== "exception" && emptyRange(node)) {
      findings.push({
        _tag: "EmptyRange",
        severity: "error",
        clauseId: node.id,
        message: text(`${node.id}: 範囲が空のため常に不充足です`, `${node.id}: the range is empty, the clause can never pass`)
      })
    }
    constants.set(node, constantOf(node))
  }

  const constantOf = (node: Rule | Exception): boolean | undefined => {
    switch (node.kind) {
      case "all":
      case "any": {
        const stop = node.kind === "any"
        const values = node.children.map((c) => constants.get(c))
        // A contradiction makes an `all` never pass, but it can still be unknown: not a constant.
        if (node.kind === "all") contradictionIn(node)
        if (values.some((v) => v === stop)) return stop
        return values.every((v) => v === !stop) ? !stop : undefined
      }
      case "not": {
        const v = constants.get(node.child)
        return v === undefined ? undefined : !v
      }
      case "exception":
        return constants.get(node.when)
      case "overlay": {
        let result = constants.get(node.base)
        for (const { exception } of [...orderedExceptions(node)].reverse()) {
          const w = constants.get(exception)
          if (w === true) result = exception.effect === "include"
          else if (w !== false) result = result === (exception.effect === "include") ? result : undefined
        }
        return result
      }
      default:
        return undefined
    }
  }

  const contradictionIn = (node: Rule & { readonly kind: "all" }): boolean => {
    const byFact = new Map<string, Array<Constraint>>()
    let found = false
    for (const child of node.children) {
      const fc = constraintOf(child)
      if (fc === undefined) continue
      const list = byFact.get(fc.fact) ?? []
      for (const other of list) {
        if (!compatible(other, fc.c)) {
          found = true
          findings.push({
            _tag: "ContradictoryClauses",
            severity: "error",
            clauseId: node.id,
            fact: fc.fact,
            clauseIds: [other.id, fc.c.id],
            message: text(
              `${node.id}: ${other.id} と ${fc.c.id} は同じ事実「${fc.fact}」について両立しないため、常に不充足です`,
              `${node.id}: ${other.id} and ${fc.c.id} contradict each other on fact "${fc.fact}"; the clause can never pass`
            )
          })
        }
      }
      list.push(fc.c)
      byFact.set(fc.fact, list)
    }
    return found
  }

  walk(rule)

  for (const [id, count] of ids) {
    if (count > 1) {
      findings.push({
        _tag: "DuplicateClauseId",
        severity: "error",
        clauseId: id,
        count,
        message: text(`条項ID「${id}」が${count}回使われています`, `clause id "${id}" is used ${count} times`)
      })
    }
  }

  const visit = (node: Rule | Exception): void => {
    if (node.kind === "all" || node.kind === "any") {
      const decisive = node.kind === "any"
      const decider = node.children.find((c) => constants.get(c) === decisive)
      for (const child of node.children) {
        const v = constants.get(child)
        if (decider !== undefined && child !== decider) {
          findings.push(neverMatters(child, node, "decided_by_constant_sibling"))
        } else if (v === !decisive && node.children.length > 1) {
          findings.push(neverMatters(child, node, "neutral_constant"))
        }
      }
    }
    if (node.kind === "overlay") {
      const ordered = orderedExceptions(node)
      let shadowed = false
      for (const { exception } of ordered) {
        if (shadowed || constants.get(exception) === false) findings.push(neverMatters(exception, node, "unreachable_exception"))
        if (constants.get(exception) === true) shadowed = true
      }
      const byPriority = new Map<number, Array<Exception>>()
      for (const e of node.exceptions) byPriority.set(e.priority, [...(byPriority.get(e.priority) ?? []), e])
      for (const [priority, group] of byPriority) {
        const includes = group.filter((e) => e.effect === "include")
        const excludes = group.filter((e) => e.effect === "exclude")
        if (includes.length > 0 && excludes.length > 0) {
          findings.push({
            _tag: "OverlayConflict",
            severity: "warning",
            clauseId: node.id,
            priority,
            exceptionIds: [...includes, ...excludes].map((e) => e.id),
            message: text(
              `${node.id}: 優先度${priority}で追加と除外の例外が競合します（両方該当する場合は除外が優先）`,
              `${node.id}: include and exclude exceptions share priority ${priority} (when both apply, exclusion wins)`
            )
          })
        }
      }
    }
    if (node !== rule && node.kind !== "exception" && constants.get(node) !== undefined && (node.kind === "all" || node.kind === "any" || node.kind === "not" || node.kind === "overlay")) {
      findings.push(constant(node, constants.get(node)!))
    }
    for (const child of childrenOf(node)) visit(child)
  }

  const neverMatters = (
    child: Rule | Exception,
    parent: Rule,
    reason: "decided_by_constant_sibling" | "neutral_constant" | "unreachable_exception"
  ): RuleFinding => ({
    _tag: "ClauseNeverMatters",
    severity: "warning",
    clauseId: child.id,
    parentId: parent.id,
    reason,
    message: text(`${child.id} は ${parent.id} の結果に影響しません（${reason}）`, `${child.id} can never change the result of ${parent.id} (${reason})`)
  })

  const constant = (node: Rule, value: boolean): RuleFinding => ({
    _tag: "ConstantClause",
    severity: "warning",
    clauseId: node.id,
    value,
    message: text(
      `${node.id} は事実によらず常に${value ? "充足" : "不充足"}です`,
      `${node.id} is always ${value ? "passed" : "failed"}, whatever the facts`
    )
  })

  visit(rule)
  if (constants.get(rule) !== undefined) findings.push(constant(rule, constants.get(rule)!))
  return findings
}
