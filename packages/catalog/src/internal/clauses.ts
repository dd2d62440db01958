// Small clause constructors for the catalogue's data. They build plain rule data (the core's Rule
// schema) with a Japanese and English label and a citation on every clause.
import type { Rule } from "@jiritsu/core"
import type { Citation } from "../Sources.ts"
import type { TargetGroup } from "../Vocabulary.ts"

export type RuleNode = Rule.Rule
export type ExceptionNode = Rule.Exception

export interface Lbl {
  readonly ja: string
  readonly en: string
}

export const lbl = (ja: string, en: string): Lbl => ({ ja, en })

export const all = (id: string, labels: Lbl, children: ReadonlyArray<RuleNode>, citation?: Citation): RuleNode =>
  citation === undefined ? { kind: "all", id, labels, children } : { kind: "all", id, labels, children, citation }

export const any = (id: string, labels: Lbl, children: ReadonlyArray<RuleNode>, citation?: Citation): RuleNode =>
  citation === undefined ? { kind: "any", id, labels, children } : { kind: "any", id, labels, children, citation }

export const not = (id: string, labels: Lbl, child: RuleNode, citation?: Citation): RuleNode =>
  citation === undefined ? { kind: "not", id, labels, child } : { kind: "not", id, labels, child, citation }

/** A boolean finding that must equal `expected` (true unless said otherwise). */
export const flag = (id: string, fact: string, labels: Lbl, citation: Citation, whyNot?: Lbl, expected: boolean = true): RuleNode =>
  whyNot === undefined
    ? { kind: "compare", id, labels, citation, fact, op: "eq", value: expected }
    : { kind: "compare", id, labels, citation, fact, op: "eq", value: expected, whyNot }

/** The person belongs to at least one of the groups. */
export const inGroups = (id: string, groups: ReadonlyArray<TargetGroup>, labels: Lbl, citation: Citation): RuleNode => ({
  kind: "intersects",
  id,
  labels,
  citation,
  fact: "target_groups",
  values: groups
})

/** The person's string fact is one of the values. */
export const oneOf = (id: string, fact: string, values: ReadonlyArray<string>, labels: Lbl, citation: Citation): RuleNode => ({
  kind: "in",
  id,
  labels,
  citation,
  fact,
  values
})

export interface AgeBounds {
  readonly min?: number
  readonly max?: number
  readonly soft?: boolean
  readonly whyNot?: Lbl
}

/** Age (in completed years, Japanese legal counting) at the evaluation date, from `birth_date`. */
export const age = (id: string, bounds: AgeBounds, labels: Lbl, citation: Citation): RuleNode => ({
  kind: "age",
  id,
  labels,
  citation,
  fact: "birth_date",
  ...(bounds.min === undefined ? {} : { min: bounds.min }),
  ...(bounds.max === undefined ? {} : { max: bounds.max }),
  ...(bounds.soft === true ? { soft: true } : {}),
  ...(bounds.whyNot === undefined ? {} : { whyNot: bounds.whyNot })
})

/** A date fact lies within the last `months` months before the evaluation date. */
export const withinLast = (id: string, fact: string, months: number, labels: Lbl, citation: Citation): RuleNode => ({
  kind: "withinLast",
  id,
  labels,
  citation,
  fact,
  months
})




/**
 * Gives every clause without a citation the citation of the exception (or rule) it belongs to, so
 * that connective clauses (かつ/または/否定) cite the same paragraph as their parts.
 */
export const inheritCitation = (node: RuleNode, citation: Citation): RuleNode => {
  const cited = node.citation === undefined ? { ...node, citation } : node
  const own = cited.citation ?? citation
  switch (cited.kind) {
    case "all":
    case "any":
      return { ...cited, children: cited.children.map((c) => inheritCitation(c, own)) }
    case "not":
      return { ...cited, child: inheritCitation(cited.child, own) }
    case "overlay":
      return { ...cited, base: inheritCitation(cited.base, own), exceptions: cited.exceptions.map((e) => ({ ...e, when: inheritCitation(e.when, e.citation ?? own) })) }
    default:
      return cited
  }
}
