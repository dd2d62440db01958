// Generators for eligibility rules, facts and rule sets over a small fixed universe of facts, so
// that generated rules and generated facts meet often (and unknowns, nulls and type mismatches too).
import fc from "fast-check"
import { type Fact, Period, Rule, RuleSet } from "@jiritsu/core"
import { arbLocalDate } from "./Period.ts"

type R = Rule.Rule

export const NUM_FACTS = ["n1", "n2", "n3"] as const
export const BOOL_FACTS = ["b1", "b2"] as const
export const STR_FACTS = ["s1"] as const
export const DATE_FACTS = ["birth", "d1"] as const
export const LIST_FACTS = ["groups"] as const
export const HOUSEHOLD_FACTS = ["hh"] as const
export const ALL_FACTS = [...NUM_FACTS, ...BOOL_FACTS, ...STR_FACTS, ...DATE_FACTS, ...LIST_FACTS, ...HOUSEHOLD_FACTS] as const

const GROUPS = ["p", "q", "r"] as const
const STRS = ["x", "y", "z"] as const

const m = (soft = false): Rule.Meta => ({ id: "_", ja: "条項", en: "clause", ...(soft ? { soft: true } : {}) })

const arbNum = fc.integer({ min: 0, max: 6 })
const arbStr = fc.constantFrom(...STRS)
const arbOp = fc.constantFrom<Rule.CompareOp>("eq", "neq", "gt", "gte", "lt", "lte")
const arbSoft = fc.boolean()
const arbDateBound = fc.option(arbLocalDate, { nil: undefined })

const arbMemberLeaf: fc.Arbitrary<R> = fc.oneof(
  fc.tuple(arbOp, arbNum).map(([op, v]) => ({ kind: "compare", ...meta(), fact: "inc", op, value: v }) as R),
  fc.constant(Rule.isTrue(m(), "adult")),
  fc.constant(Rule.exists(m(), "inc"))
)
const arbMemberRule: fc.Arbitrary<R> = fc.oneof(
  arbMemberLeaf,
  fc.array(arbMemberLeaf, { maxLength: 2 }).map((cs) => Rule.any(m(), cs)),
  arbMemberLeaf.map((c) => Rule.not(m(), c))
)

function meta() {
  return { id: "_", labels: { ja: "条項", en: "clause" } }
}

/** Leaf clauses of every kind, over the fixed fact universe. */
export const arbLeaf: fc.Arbitrary<R> = fc.oneof(
  fc.tuple(fc.constantFrom(...NUM_FACTS), arbOp, arbNum, arbSoft).map(([f, op, v, s]) => ({ kind: "compare", ...meta(), ...(s ? { soft: true } : {}), fact: f, op, value: v }) as R),
  fc.tuple(fc.constantFrom(...BOOL_FACTS), fc.constantFrom<Rule.CompareOp>("eq", "neq"), fc.boolean()).map(([f, op, v]) => ({ kind: "compare", ...meta(), fact: f, op, value: v }) as R),
  fc.tuple(fc.constantFrom(...STR_FACTS), arbOp, arbStr).map(([f, op, v]) => ({ kind: "compare", ...meta(), fact: f, op, value: v }) as R),
  fc.tuple(fc.constantFrom(...DATE_FACTS), arbOp, arbLocalDate).map(([f, op, v]) => ({ kind: "compare", ...meta(), fact: f, op, value: v }) as R),
  fc.tuple(fc.constantFrom(...NUM_FACTS), fc.array(arbNum, { maxLength: 3 })).map(([f, vs]) => Rule.isIn(m(), f, vs)),
  fc.tuple(fc.constantFrom(...STR_FACTS), fc.array(arbStr, { maxLength: 3 })).map(([f, vs]) => Rule.isIn(m(), f, vs)),
  fc.tuple(fc.constantFrom(...NUM_FACTS), arbNum, arbNum).map(([f, a, b]) => Rule.between(m(), f, a, b)),
  fc.tuple(fc.constantFrom(...ALL_FACTS), arbSoft).map(([f, s]) => Rule.exists(m(s), f)),
  fc
    .tuple(fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), arbSoft)
    .map(([min, max, s]) => Rule.age(m(s), "birth", { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) })),
  fc.tuple(fc.constantFrom(...DATE_FACTS), arbDateBound, arbDateBound).map(([f, from, until]) =>
    Rule.dateIn(m(), f, { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) })
  ),
  fc.tuple(fc.constantFrom(...DATE_FACTS), fc.integer({ min: 1, max: 48 })).map(([f, months]) => Rule.withinLast(m(), f, months)),
  fc.tuple(arbDateBound, arbDateBound).map(([from, until]) => Rule.asOfIn(m(), { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) })),
  fc.subarray([...GROUPS]).map((vs) => Rule.intersects(m(), "groups", vs)),
  fc.subarray([...GROUPS]).map((vs) => Rule.containsAll(m(), "groups", vs)),
  fc
    .tuple(fc.option(arbMemberRule, { nil: undefined }), arbOp, fc.integer({ min: 0, max: 4 }))
    .map(([where, op, value]) => Rule.count(m(), "hh", { ...(where !== undefined ? { where } : {}), op, value })),
  fc
    .tuple(fc.constantFrom<Rule.AggregateFn>("sum", "min", "max"), fc.option(arbMemberRule, { nil: undefined }), arbOp, fc.integer({ min: 0, max: 12 }))
    .map(([fn, where, op, value]) => Rule.aggregate(m(), "hh", { fn, field: "inc", ...(where !== undefined ? { where } : {}), op, value }))
)

/** Rule trees of bounded depth (all / any / not / overlay over leaves), with unique clause ids. */
export const arbRule: fc.Arbitrary<R> = fc
  .letrec<{ rule: R }>((tie) => ({
    rule: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      arbLeaf,
      fc.array(tie("rule"), { maxLength: 3 }).map((cs) => Rule.all(m(), cs)),
      fc.array(tie("rule"), { maxLength: 3 }).map((cs) => Rule.any(m(), cs)),
      tie("rule").map((c) => Rule.not(m(), c)),
      fc
        .tuple(
          tie("rule"),
          fc.array(fc.tuple(tie("rule"), fc.integer({ min: 0, max: 2 }), fc.constantFrom<"include" | "exclude">("include", "exclude")), { maxLength: 2 })
        )
        .map(([base, exs]) =>
          Rule.overlay(
            m(),
            base,
            exs.map(([when, priority, effect]) => Rule.exception({ id: "_", ja: "例外", en: "exception" }, { priority, effect, when }))
          )
        )
    )
  }))
  .rule.map(withIds)

/** Gives every clause (member predicates included) a unique id c0, c1, … in pre-order. */
export function withIds(rule: R): R {
  let next = 0
  const fresh = () => `c${next++}`
  const go = (node: R): R => {
    const id = fresh()
    switch (node.kind) {
      case "all":
      case "any":
        return { ...node, id, children: node.children.map(go) }
      case "not":
        return { ...node, id, child: go(node.child) }
      case "overlay":
        return {
          ...node,
          id,
          base: go(node.base),
          exceptions: node.exceptions.map((e) => ({ ...e, id: fresh(), when: go(e.when) }))
        }
      case "count":
      case "aggregate":
        return node.where === undefined ? { ...node, id } : { ...node, id, where: go(node.where) }
      default:
        return { ...node, id }
    }
  }
  return go(rule)
}

// ---------------------------------------------------------------------------------------------
// Facts
// ---------------------------------------------------------------------------------------------

const arbMember = fc.record({ inc: fc.oneof(arbNum, fc.constant(null)), adult: fc.boolean() }, { requiredKeys: [] })
const arbCompleteMember = fc.record({ inc: arbNum, adult: fc.boolean() })

/** A known value (possibly `null`) for a fact of the universe. */
export const arbValueOf = (fact: string, complete = false): fc.Arbitrary<unknown> => {
  const nullable = <A>(a: fc.Arbitrary<A>) => (complete ? a : fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) }))
  if ((NUM_FACTS as ReadonlyArray<string>).includes(fact)) return nullable(arbNum)
  if ((BOOL_FACTS as ReadonlyArray<string>).includes(fact)) return nullable(fc.boolean())
  if ((STR_FACTS as ReadonlyArray<string>).includes(fact)) return nullable(arbStr)
  if ((DATE_FACTS as ReadonlyArray<string>).includes(fact)) return nullable(arbLocalDate)
  if (fact === "groups") return nullable(fc.subarray([...GROUPS]))
  if (fact === "hh") return nullable(fc.array(complete ? arbCompleteMember : arbMember, { maxLength: 4 }))
  // Member paths ("hh[2].inc") and anything else.
  if (fact.endsWith(".inc")) return arbNum
  if (fact.endsWith(".adult")) return fc.boolean()
  return arbNum
}

/** Partial fact records: each fact absent (unknown), null, or known. */
export const arbFacts: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(...ALL_FACTS.map((f) => fc.option(arbValueOf(f), { nil: undefined, freq: 3 })))
  .map((values) => {
    const out: Record<string, unknown> = {}
    ALL_FACTS.forEach((f, i) => {
      if (values[i] !== undefined) out[f] = values[i]
    })
    return out
  })

/** More facts on top of `facts`: absent facts filled, household members' absent fields filled. */
export const arbExtension = (facts: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.tuple(...ALL_FACTS.map((f) => fc.option(arbValueOf(f), { nil: undefined }))),
      fc.array(fc.record({ inc: fc.option(fc.oneof(arbNum, fc.constant(null)), { nil: undefined }), adult: fc.option(fc.boolean(), { nil: undefined }) }), {
        minLength: 4,
        maxLength: 4
      })
    )
    .map(([values, memberFills]) => {
      const out: Record<string, unknown> = { ...facts }
      ALL_FACTS.forEach((f, i) => {
        if (out[f] === undefined && values[i] !== undefined) out[f] = values[i]
      })
      if (Array.isArray(facts["hh"])) {
        out["hh"] = (facts["hh"] as Array<Record<string, unknown>>).map((member, i) => {
          const fill = memberFills[i % memberFills.length]!
          const next = { ...member }
          if (next["inc"] === undefined && fill.inc !== undefined) next["inc"] = fill.inc
          if (next["adult"] === undefined && fill.adult !== undefined) next["adult"] = fill.adult
          return next
        })
      }
      return out
    })

/** Sets every listed fact (top-level names or member paths `hh[i].field`) to a known value. */
export const arbFill = (facts: Record<string, unknown>, missing: ReadonlyArray<string>): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(...missing.map((f) => arbValueOf(f, true))).map((values) => {
    const out: Record<string, unknown> = { ...facts }
    missing.forEach((path, i) => {
      const member = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path)
      if (member === null) {
        out[path] = values[i]
        return
      }
      const [, fact, index, field] = member
      const list = [...(out[fact!] as Array<Record<string, unknown>>)]
      list[Number(index)] = { ...list[Number(index)], [field!]: values[i] }
      out[fact!] = list
    })
    return out
  })

export const arbAsOf: fc.Arbitrary<Period.LocalDate> = arbLocalDate

// ---------------------------------------------------------------------------------------------
// Rule sets
// ---------------------------------------------------------------------------------------------

/** A check-clean rule set: contiguous versions [d0, d1), [d1, d2), … (the last one maybe open). */
export const arbContiguousRuleSet: fc.Arbitrary<RuleSet.RuleSet> = fc
  .tuple(fc.uniqueArray(arbLocalDate, { minLength: 2, maxLength: 6 }), fc.boolean(), fc.array(arbRule, { minLength: 5, maxLength: 5 }))
  .map(([dates, openEnded, rules]) => {
    const sorted = [...dates].sort()
    const versions = sorted.slice(0, -1).map((from, i) => {
      const isLast = i === sorted.length - 2
      return RuleSet.version({
        version: `v${i + 1}`,
        from,
        ...(isLast && openEnded ? {} : { until: sorted[i + 1]! }),
        rule: rules[i % rules.length]!
      })
    })
    return RuleSet.make({ id: "generated", ja: "生成", en: "generated", versions })
  })

/** Any rule set: versions with arbitrary windows (overlaps and gaps included). */
export const arbRuleSet: fc.Arbitrary<RuleSet.RuleSet> = fc
  .array(
    fc.tuple(arbLocalDate, fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined, freq: 5 })),
    { minLength: 1, maxLength: 5 }
  )
  .map((windows) =>
    RuleSet.make({
      id: "any",
      ja: "任意",
      en: "any",
      versions: windows.map(([from, length], i) =>
        RuleSet.version({
          version: `v${i + 1}`,
          from,
          ...(length !== undefined ? { until: Period.addDays(from, length) } : {}),
          rule: Rule.all({ id: `r${i}`, ja: "常に", en: "always" }, [])
        })
      )
    })
  )

// ---------------------------------------------------------------------------------------------
// Malformed documents
// ---------------------------------------------------------------------------------------------

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }

/** All paths to values inside a JSON document. */
export const pathsOf = (doc: Json, prefix: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  if (Array.isArray(doc)) return [prefix, ...doc.flatMap((d, i) => pathsOf(d, [...prefix, i]))]
  if (doc !== null && typeof doc === "object") {
    return [prefix, ...Object.entries(doc as Record<string, Json>).flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
  }
  return [prefix]
}

const setAt = (doc: Json, path: ReadonlyArray<string | number>, value: Json | undefined): Json => {
  if (path.length === 0) return value === undefined ? null : value
  const [head, ...rest] = path
  if (Array.isArray(doc)) {
    const copy = [...doc]
    copy[head as number] = setAt(copy[head as number]!, rest, value)
    return copy
  }
  const obj = { ...(doc as Record<string, Json>) }
  if (rest.length === 0 && value === undefined) delete obj[head as string]
  else obj[head as string] = setAt(obj[head as string]!, rest, value)
  return obj
}

/** Values that are wrong almost anywhere in a rule document. */
const arbWrong: fc.Arbitrary<Json | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant({}),
  fc.constant([{}]),
  fc.constant(Number.NaN as unknown as Json),
  fc.constant("not-a-kind"),
  fc.constant("2013-02-30"),
  fc.constant(-1.5),
  fc.constant({ kind: "bogus" })
)

/** A valid rule document with one value replaced by a wrong one (or removed), and the path. */
export const arbMalformedRule: fc.Arbitrary<{ readonly doc: unknown; readonly path: ReadonlyArray<string | number> }> = arbRule
  .chain((rule) => {
    const doc = JSON.parse(JSON.stringify(rule)) as Json
    const paths = pathsOf(doc).filter((p) => p.length > 0 && !isOptionalKey(p))
    return fc.tuple(fc.constant(doc), fc.constantFrom(...paths), arbWrong)
  })
  .map(([doc, path, wrong]) => ({ doc: setAt(doc, path, wrong), path }))
  .filter(({ doc }) => Rule.decode(doc)._tag === "Failure")

// Removing or nulling an optional key, or a label text, may leave a valid document.
const isOptionalKey = (p: ReadonlyArray<string | number>): boolean => {
  const last = p[p.length - 1]
  return typeof last === "string" && ["citation", "whyNot", "soft", "where", "min", "max", "from", "until"].includes(last)
}

// ---------------------------------------------------------------------------------------------
// Fact declarations with value labels
// ---------------------------------------------------------------------------------------------

// Label texts from an alphabet that cannot spell "undefined" or "[object Object]", so a property
// that looks for those words in rendered text finds only what the renderer itself produced.
const arbLabelText = fc.string({ unit: fc.constantFrom("あ", "い", "区", "者", "X", "Y", "1", " ", "・", "-"), minLength: 1, maxLength: 6 })
export const arbFactLabels: fc.Arbitrary<Fact.Labels> = fc.record({ ja: arbLabelText, en: arbLabelText })

/** Labels for some of `keys` (possibly none). */
const arbValueLabels = (keys: ReadonlyArray<string>): fc.Arbitrary<Record<string, Fact.Labels>> =>
  fc.subarray([...keys]).chain((chosen) => fc.tuple(...chosen.map(() => arbFactLabels)).map((ls) => Object.fromEntries(chosen.map((k, i) => [k, ls[i]!]))))

const withOptionalValueLabels = (spec: Fact.FactSpec, keys: ReadonlyArray<string>): fc.Arbitrary<Fact.FactSpec> =>
  fc.option(arbValueLabels(keys), { nil: undefined }).map((valueLabels) => (valueLabels === undefined ? spec : { ...spec, valueLabels }))

/** A declaration for a fact of the universe: its type, labels, allowed values and (sometimes) value labels. */
export const arbSpecFor = (fact: string): fc.Arbitrary<Fact.FactSpec> =>
  arbFactLabels.chain((labels): fc.Arbitrary<Fact.FactSpec> => {
    if ((NUM_FACTS as ReadonlyArray<string>).includes(fact)) return fc.constant({ type: "number", labels })
    if ((BOOL_FACTS as ReadonlyArray<string>).includes(fact)) return withOptionalValueLabels({ type: "boolean", labels }, ["true", "false"])
    if ((STR_FACTS as ReadonlyArray<string>).includes(fact)) return withOptionalValueLabels({ type: "string", labels, values: [...STRS] }, STRS)
    if ((DATE_FACTS as ReadonlyArray<string>).includes(fact)) return fc.constant({ type: "date", labels })
    if (fact === "groups") return withOptionalValueLabels({ type: "strings", labels, values: [...GROUPS] }, GROUPS)
    return fc.constant({ type: "members", labels })
  })

/** Declarations for some facts of the universe (undeclared facts render with their names). */
export const arbSpecs: fc.Arbitrary<Fact.FactSpecs> = fc
  .subarray([...ALL_FACTS])
  .chain((facts) => fc.tuple(...facts.map(arbSpecFor)).map((specs) => Object.fromEntries(facts.map((f, i) => [f, specs[i]!]))))

/**
 * Declarations with one wrong value label and the path the error must name: a label for a value
 * outside `values`, for a boolean key other than "true"/"false", value labels on a number, date or
 * members fact, or a label that is not `{ ja, en }` strings.
 */
export const arbBadValueLabels: fc.Arbitrary<{ readonly specs: unknown; readonly path: ReadonlyArray<string> }> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...STR_FACTS, ...LIST_FACTS), fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(STRS as ReadonlyArray<string>).includes(k) && !(GROUPS as ReadonlyArray<string>).includes(k)), arbFactLabels)
    .chain(([fact, key, label]) =>
      arbSpecFor(fact).map((spec) => ({ specs: { [fact]: { ...spec, valueLabels: { ...(spec.valueLabels ?? {}), [key]: label } } }, path: [fact, "valueLabels", key] }))
    ),
  fc
    .tuple(fc.constantFrom(...BOOL_FACTS), fc.constantFrom("yes", "no", "True", "1", "はい"), arbFactLabels)
    .map(([fact, key, label]) => ({ specs: { [fact]: { type: "boolean", labels: label, valueLabels: { [key]: label } } }, path: [fact, "valueLabels", key] })),
  fc
    .tuple(fc.constantFrom(...NUM_FACTS, ...DATE_FACTS, ...HOUSEHOLD_FACTS), arbValueLabels(["1", "2013-04-01", "a"]).filter((v) => Object.keys(v).length > 0))
    .chain(([fact, valueLabels]) => arbSpecFor(fact).map((spec) => ({ specs: { [fact]: { ...spec, valueLabels } }, path: [fact, "valueLabels"] }))),
  fc
    .tuple(fc.constantFrom(...STR_FACTS), fc.constantFrom(...STRS), fc.constantFrom<unknown>("生活保護受給者", null, 3, { ja: "x" }, { ja: 1, en: "x" }, ["x", "y"]))
    .map(([fact, key, bad]) => ({ specs: { [fact]: { type: "string", labels: { ja: "s", en: "s" }, values: [...STRS], valueLabels: { [key]: bad } } }, path: [fact, "valueLabels", key] }))
)
