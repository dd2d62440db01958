/**
 * SqlRule (判定ルールのSQL化) — eligibility rules (`@jiritsu/core` Rule) compiled to parameterised
 * SQL expressions over a `jsonb` facts column, with the core's three-valued semantics.
 *
 * The compiled expression is a SQL boolean: `TRUE` = eligible, `FALSE` = ineligible, `NULL` =
 * undetermined. A key absent from the facts object is an unknown fact (NULL); a JSON `null` is a
 * fact known to be absent; SQL's `AND`/`OR`/`NOT` are exactly Kleene's, so `all`/`any`/`not`
 * map one to one, and every leaf (comparisons, sets, dates, ages, household counts and
 * aggregates with their unknown ranges, default-logic overlays) is translated clause by clause.
 * Values are bound as parameters, never spliced into the text.
 *
 * Parity is a tested law: on generated populations and generated rules, the SQL answers equal
 * `Rule.evaluateMany`, undetermined included, on PGlite and on the server. Two documented limits:
 * string order is code-point order (`COLLATE "C"`), which equals JavaScript's for text without
 * characters beyond U+FFFF; and staff overrides are per-person decisions, so they stay with
 * `Rule.evaluate`.
 *
 * ```ts
 * const sql = yield* SqlClient.SqlClient
 * const eligible = SqlRule.where(sql, rule, { asOf: "2026-04-01", facts: "p.facts" })
 * const rows = yield* sql`SELECT p.id FROM people p WHERE ${eligible}`
 * ```
 *
 * @since 0.1.0
 * @module
 */
import { Period, Rule } from "@jiritsu/core"
import { Schema } from "effect"
import type { Statement } from "effect/sql"
import type { SqlClient } from "effect/sql"

/**
 * A SQL text with parameters, as parts: literal SQL and bound values. @category model @since 0.1.0
 * @example
 * ```ts
 * const parts: ReadonlyArray<SqlRule.Part> = ["(", "p.facts->>'ward' = ", { param: "tsurumi" }, ")"]
 * ```
 */
export type Part = string | { readonly param: unknown }

/**
 * A compiled rule: the expression's parts (a SQL boolean, NULL = undetermined). @category model @since 0.1.0
 * @example
 * ```ts
 * const compiled: SqlRule.Compiled = SqlRule.compile(Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work"), { asOf: "2024-04-01", facts: "p.facts" })
 * compiled.parts.length > 0 // true
 * ```
 */
export interface Compiled {
  readonly parts: ReadonlyArray<Part>
}

/**
 * Options: the evaluation date and the SQL expression of the facts object (a column, e.g. `p.facts`). @category model @since 0.1.0
 * @example
 * ```ts
 * const options: SqlRule.Options = { asOf: "2024-04-01", facts: "p.facts" }
 * ```
 */
export interface Options {
  readonly asOf: string
  readonly facts: string
}

/**
 * The options or the rule cannot be compiled (the facts expression must be a plain column reference). @category errors @since 0.1.0
 * @example
 * ```ts
 * try {
 *   SqlRule.compile(Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work"), { asOf: "2024-04-01", facts: "p.facts; DROP TABLE p" })
 * } catch (e) {
 *   if (e instanceof SqlRule.SqlRuleError) console.log(e.path) // ["facts"]
 * }
 * ```
 */
export class SqlRuleError extends Schema.TaggedError<SqlRuleError>()("SqlRuleError", {
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String
}) {}

const isLocalDate = Schema.is(Period.LocalDate)
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

type Node = Rule.Rule
type Exception = Rule.Exception

interface Builder {
  readonly asOf: string
  readonly nextAlias: () => string
}

const builder = (asOf: string): Builder => {
  let alias = 0
  return { asOf, nextAlias: () => `jr${alias++}` }
}

const p = (value: unknown): Part => ({ param: value })
const text = (v: unknown): Part => p(v)
const json = (v: unknown): Part => p(JSON.stringify(v))
const join = (items: ReadonlyArray<ReadonlyArray<Part>>, sep: string): Array<Part> => items.flatMap((x, i) => (i === 0 ? [...x] : [sep, ...x]))
const paren = (x: ReadonlyArray<Part>): Array<Part> => ["(", ...x, ")"]

const valueOf = (facts: ReadonlyArray<Part>, fact: string): Array<Part> => ["(", ...facts, " -> ", text(fact), "::text)"]
const present = (facts: ReadonlyArray<Part>, fact: string): Array<Part> => ["jsonb_exists(", ...facts, ", ", text(fact), "::text)"]
const typeIs = (v: ReadonlyArray<Part>, t: string): Array<Part> => ["jsonb_typeof(", ...v, ") = '", t, "'"]
/** A date as the core's date clauses take it: a string shaped YYYY-MM-DD (anything else fails them). */
const isDateText = (v: ReadonlyArray<Part>): Array<Part> => [...typeIs(v, "string"), " AND ", ...str(v), " ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'"]
const str = (v: ReadonlyArray<Part>): Array<Part> => ["((", ...v, ") #>> '{}') COLLATE \"C\""]

/** An unknown fact is NULL; otherwise the test (never NULL). */
const leaf = (facts: ReadonlyArray<Part>, fact: string, test: (v: ReadonlyArray<Part>) => ReadonlyArray<Part>): Array<Part> => {
  const v = valueOf(facts, fact)
  return ["(CASE WHEN ", ...present(facts, fact), " IS NOT TRUE THEN NULL ELSE coalesce(", ...test(v), ", FALSE) END)"]
}

const typed = (v: ReadonlyArray<Part>, value: number | string | boolean): { readonly check: Array<Part>; readonly expr: Array<Part>; readonly bound: (x: number | string | boolean) => Array<Part> } => {
  switch (typeof value) {
    case "number":
      return { check: typeIs(v, "number"), expr: ["(", ...v, ")::float8"], bound: (x) => [text(String(x)), "::float8"] }
    case "string":
      return { check: typeIs(v, "string"), expr: str(v), bound: (x) => [text(x), "::text COLLATE \"C\""] }
    default:
      return { check: typeIs(v, "boolean"), expr: ["(", ...v, ")::boolean"], bound: (x) => [text(String(x)), "::boolean"] }
  }
}

const OPS: Readonly<Record<"gt" | "gte" | "lt" | "lte", string>> = { gt: ">", gte: ">=", lt: "<", lte: "<=" }
const MIRRORED: Readonly<Record<Rule.CompareOp, Rule.CompareOp>> = { eq: "eq", neq: "neq", gt: "lt", gte: "lte", lt: "gt", lte: "gte" }

const compareLeaf = (facts: ReadonlyArray<Part>, node: Extract<Node, { kind: "compare" }>): Array<Part> =>
  leaf(facts, node.fact, (v) => {
    if (node.op === "eq") return [...v, " = ", json(node.value), "::jsonb"]
    if (node.op === "neq") return ["NOT (", ...v, " = ", json(node.value), "::jsonb)"]
    const t = typed(v, node.value)
    return ["(", ...t.check, " AND ", ...t.expr, ` ${OPS[node.op]} `, ...t.bound(node.value), ")"]
  })

const elementsOf = (values: ReadonlyArray<unknown>): Array<Part> => ["(SELECT jsonb_array_elements(", json(values), "::jsonb))"]

/** compareScalar over numbers (the aggregate's range ends). */
const cmpNum = (op: Rule.CompareOp, a: ReadonlyArray<Part>, value: number): Array<Part> => {
  const sym = op === "eq" ? "=" : op === "neq" ? "<>" : OPS[op]
  return ["(", ...a, ` ${sym} `, text(String(value)), "::float8)"]
}

/** The core's compareRange: decided when every value in [lo, hi] agrees, else NULL. */
const compareRange = (op: Rule.CompareOp, lo: ReadonlyArray<Part>, hi: ReadonlyArray<Part>, value: number): Array<Part> => {
  const v: Array<Part> = [text(String(value)), "::float8"]
  if (op === "eq") return ["(CASE WHEN ", ...lo, " = ", ...hi, " THEN ", ...cmpNum(op, lo, value), " WHEN ", ...v, " < ", ...lo, " OR ", ...v, " > ", ...hi, " THEN FALSE ELSE NULL END)"]
  if (op === "neq") return ["(CASE WHEN ", ...lo, " = ", ...hi, " THEN ", ...cmpNum(op, lo, value), " WHEN ", ...v, " < ", ...lo, " OR ", ...v, " > ", ...hi, " THEN TRUE ELSE NULL END)"]
  return ["(CASE WHEN ", ...cmpNum(op, lo, value), " = ", ...cmpNum(op, hi, value), " THEN ", ...cmpNum(op, lo, value), " ELSE NULL END)"]
}

const householdLeaf = (b: Builder, facts: ReadonlyArray<Part>, node: Extract<Node, { kind: "count" | "aggregate" }>): Array<Part> => {
  const a = b.nextAlias()
  const m: Array<Part> = [`${a}.m`]
  const inc: Array<Part> = node.where === undefined ? ["TRUE"] : compileNode(b, node.where, m)
  const members = valueOf(facts, node.fact)
  const incCol = `${a}i.inc`
  const isObject = `jsonb_typeof(${a}.m) = 'object'`
  const common: Array<Part> = [`bool_or(jsonb_typeof(${a}.m) <> 'object') AS bad, count(*) FILTER (WHERE ${incCol} IS TRUE)::float8 AS sure, count(*) FILTER (WHERE ${incCol} IS NOT FALSE)::float8 AS possible`]
  const from: Array<Part> = [
    " FROM jsonb_array_elements(",
    ...members,
    `) WITH ORDINALITY AS ${a}(m, ord) CROSS JOIN LATERAL (SELECT CASE WHEN ${isObject} THEN `,
    ...inc,
    ` ELSE FALSE END AS inc) ${a}i`
  ]
  let body: Array<Part>
  if (node.kind === "count") {
    body = ["(SELECT CASE WHEN coalesce(s.bad, FALSE) THEN FALSE ELSE ", ...compareRange(node.op, ["s.sure"], ["s.possible"], node.value), " END FROM (SELECT ", ...common, ...from, ") s)"]
  } else {
    const field = node.field
    const fv: Array<Part> = [`(${a}.m -> `, text(field), "::text)"]
    const fieldPresent: Array<Part> = [`(${isObject} AND jsonb_exists(${a}.m, `, text(field), "::text))"]
    const isNum: Array<Part> = ["(", ...fieldPresent, " AND jsonb_typeof(", ...fv, ") = 'number')"]
    const x: Array<Part> = ["(CASE WHEN ", ...isNum, " THEN (", ...fv, ")::float8 END)"]
    const sign = node.fn === "min" ? "-" : ""
    const signed: Array<Part> = ["(", sign, ...x, ")"]
    const stats: Array<Part> = [
      ...common,
      `, bool_or(${incCol} IS TRUE AND `, ...fieldPresent, " AND NOT ", ...isNum, ") AS invalid_sure",
      `, bool_or(${incCol} IS NULL AND `, ...fieldPresent, " AND NOT ", ...isNum, ") AS invalid_maybe",
      `, bool_or(${incCol} IS NOT FALSE AND ${isObject} AND NOT `, ...fieldPresent, ") AS unbounded",
      `, bool_or(${incCol} IS TRUE AND ${isObject} AND NOT `, ...fieldPresent, ") AS sure_free",
      `, bool_or(${incCol} IS NULL AND ${isObject} AND NOT `, ...fieldPresent, ") AS maybe_free",
      `, sum(CASE WHEN ${incCol} IS TRUE THEN `, ...x, ` WHEN ${incCol} IS NULL THEN least(0::float8, `, ...x, `) END ORDER BY ${a}.ord) AS lo`,
      `, sum(CASE WHEN ${incCol} IS TRUE THEN `, ...x, ` WHEN ${incCol} IS NULL THEN greatest(0::float8, `, ...x, `) END ORDER BY ${a}.ord) AS hi`,
      `, sum(CASE WHEN ${incCol} IS TRUE THEN `, ...x, ` END ORDER BY ${a}.ord) AS sure_sum`,
      `, max(`, ...signed, `) FILTER (WHERE ${incCol} IS TRUE) AS sure_max`,
      `, array_agg(`, ...(node.fn === "sum" ? x : signed), ` ORDER BY ${a}.ord) FILTER (WHERE ${incCol} IS NULL AND `, ...isNum, ") AS maybe_vals"
    ]
    let decided: Array<Part>
    if (node.fn === "sum") {
      // The hull [lo, hi] decides, or — with at most 12 members of unknown inclusion — every choice
      // of them does (a total of 0 or 10 is never 5), summed in member order like the core.
      const ranged = compareRange(node.op, ["coalesce(s.lo, 0)"], ["coalesce(s.hi, 0)"], node.value)
      const total: Array<Part> = [
        "(SELECT sum(z.v ORDER BY z.j) FROM (SELECT coalesce(s.sure_sum, 0::float8) AS v, 0::bigint AS j UNION ALL ",
        `SELECT u.v, u.j FROM unnest(s.maybe_vals) WITH ORDINALITY AS u(v, j) WHERE ((g.mask >> (u.j::int - 1)) & 1) = 1) z)`
      ]
      decided = [
        "CASE WHEN coalesce(s.unbounded, FALSE) THEN NULL WHEN (",
        ...ranged,
        ") IS NOT NULL OR coalesce(cardinality(s.maybe_vals), 0) = 0 OR cardinality(s.maybe_vals) > 12 THEN ",
        ...ranged,
        " ELSE (SELECT CASE WHEN bool_and(q.t) THEN TRUE WHEN NOT bool_or(q.t) THEN FALSE ELSE NULL END FROM (SELECT ",
        ...cmpNum(node.op, total, node.value),
        " AS t FROM generate_series(0, (1 << cardinality(s.maybe_vals)) - 1) AS g(mask)) q) END"
      ]
    } else {
      // min is max of the negated values. Outcomes over every choice: the surely-included maximum,
      // each larger possibly-included value, the empty set when nobody is surely included, and a
      // ray above the known maximum when an included member's value is unknown.
      const op = node.fn === "max" ? node.op : MIRRORED[node.op]
      const value = node.fn === "max" ? node.value : -node.value
      const cmp = (x: ReadonlyArray<Part>) => cmpNum(op, x, value)
      const ray = compareRange(op, ["coalesce(s.sure_max, '-Infinity'::float8)"], ["'Infinity'::float8"], value)
      const maybeT: Array<Part> = ["coalesce((SELECT bool_or(", ...cmp(["mv"]), ") FROM unnest(s.maybe_vals) AS mv WHERE s.sure_max IS NULL OR mv > s.sure_max), FALSE)"]
      const maybeF: Array<Part> = ["coalesce((SELECT bool_or(NOT ", ...cmp(["mv"]), ") FROM unnest(s.maybe_vals) AS mv WHERE s.sure_max IS NULL OR mv > s.sure_max), FALSE)"]
      const rays = "(coalesce(s.sure_free, FALSE) OR coalesce(s.maybe_free, FALSE))"
      const sawT: Array<Part> = [
        "((", rays, " AND (", ...ray, ") IS DISTINCT FROM FALSE) OR (NOT coalesce(s.sure_free, FALSE) AND ((s.sure_max IS NOT NULL AND ",
        ...cmp(["s.sure_max"]), ") OR ", ...maybeT, ")))"
      ]
      const sawF: Array<Part> = [
        "(", rays, " OR (NOT coalesce(s.sure_free, FALSE) AND (s.sure_max IS NULL OR NOT ", ...cmp(["s.sure_max"]), " OR ", ...maybeF, ")))"
      ]
      decided = [
        "CASE WHEN s.sure_max IS NULL AND NOT coalesce(s.sure_free, FALSE) AND coalesce(cardinality(s.maybe_vals), 0) = 0 AND NOT coalesce(s.maybe_free, FALSE) THEN FALSE ",
        "WHEN ", ...sawT, " AND ", ...sawF, " THEN NULL WHEN ", ...sawT, " THEN TRUE ELSE FALSE END"
      ]
    }
    body = [
      "(SELECT CASE WHEN coalesce(s.bad, FALSE) OR coalesce(s.invalid_sure, FALSE) THEN FALSE ELSE (SELECT CASE WHEN coalesce(s.invalid_maybe, FALSE) AND d.r IS DISTINCT FROM FALSE THEN NULL ELSE d.r END FROM (SELECT ",
      ...decided,
      " AS r OFFSET 0) d) END FROM (SELECT ",
      ...stats,
      ...from,
      ") s)"
    ]
  }
  return ["(CASE WHEN ", ...present(facts, node.fact), " IS NOT TRUE THEN NULL WHEN jsonb_typeof(", ...members, ") <> 'array' THEN FALSE ELSE ", ...body, " END)"]
}

const orderedExceptions = (overlay: Extract<Node, { kind: "overlay" }>): ReadonlyArray<Exception> =>
  overlay.exceptions
    .map((exception, index) => ({ exception, index }))
    .sort((x, y) => y.exception.priority - x.exception.priority || (x.exception.effect === y.exception.effect ? 0 : x.exception.effect === "exclude" ? -1 : 1) || x.index - y.index)
    .map((e) => e.exception)

const compileNode = (b: Builder, node: Node, facts: ReadonlyArray<Part>): Array<Part> => {
  // The core's rule: a clause no value can pass fails even while its fact is missing.
  if (Rule.failsForEveryValue(node, b.asOf as Period.LocalDate)) return ["FALSE"]
  switch (node.kind) {
    case "all":
      return node.children.length === 0 ? ["TRUE"] : paren(join(node.children.map((c) => compileNode(b, c, facts)), " AND "))
    case "any":
      return node.children.length === 0 ? ["FALSE"] : paren(join(node.children.map((c) => compileNode(b, c, facts)), " OR "))
    case "not":
      return ["(NOT ", ...compileNode(b, node.child, facts), ")"]
    case "overlay": {
      // r := base; then from the least to the most important exception:
      // (OFFSET 0 keeps each step a subquery: flattened, `r` would be copied twice per step.)
      // when holds → its effect; fails → r; unknown → r if r already equals the effect, else unknown.
      let r: Array<Part> = compileNode(b, node.base, facts)
      const ordered = orderedExceptions(node)
      for (let k = ordered.length - 1; k >= 0; k--) {
        const e = ordered[k]!
        const eff = e.effect === "include" ? "TRUE" : "FALSE"
        const a = b.nextAlias()
        r = ["(SELECT CASE WHEN w IS TRUE THEN ", eff, " WHEN w IS FALSE THEN r WHEN r IS NOT DISTINCT FROM ", eff, " THEN ", eff, " ELSE NULL END FROM (SELECT ", ...compileNode(b, e.when, facts), " AS w, ", ...r, ` AS r OFFSET 0) ${a})`]
      }
      return r
    }
    case "compare":
      return compareLeaf(facts, node)
    case "in":
      return leaf(facts, node.fact, (v) => (node.values.length === 0 ? ["FALSE"] : [...v, " IN ", ...elementsOf(node.values)]))
    case "between": {
      const { min, max } = node
      if (typeof min !== typeof max) return leaf(facts, node.fact, () => ["FALSE"])
      return leaf(facts, node.fact, (v) => {
        const t = typed(v, min)
        return ["(", ...t.check, " AND ", ...t.bound(min), " <= ", ...t.expr, " AND ", ...t.expr, " <= ", ...t.bound(max), ")"]
      })
    }
    case "exists":
      return leaf(facts, node.fact, (v) => ["jsonb_typeof(", ...v, ") <> 'null'"])
    case "age": {
      const atMost = node.min === undefined ? undefined : birthBound(b.asOf, node.min)
      const above = node.max === undefined ? undefined : birthBound(b.asOf, node.max + 1)
      return leaf(facts, node.fact, (v) => [
        "(",
        ...isDateText(v),
        ...(atMost === undefined ? [] : [" AND ", ...str(v), " <= ", text(atMost), "::text COLLATE \"C\""]),
        ...(above === undefined ? [] : [" AND ", ...str(v), " > ", text(above), "::text COLLATE \"C\""]),
        ")"
      ])
    }
    case "dateIn":
      return leaf(facts, node.fact, (v) => [
        "(",
        ...isDateText(v),
        ...(node.from === undefined ? [] : [" AND ", ...str(v), " >= ", text(node.from), "::text COLLATE \"C\""]),
        ...(node.until === undefined ? [] : [" AND ", ...str(v), " < ", text(node.until), "::text COLLATE \"C\""]),
        ")"
      ])
    case "withinLast": {
      const lower = Period.addMonths(b.asOf as Period.LocalDate, -node.months)
      return leaf(facts, node.fact, (v) => ["(", ...isDateText(v), " AND ", ...str(v), " >= ", text(lower), "::text COLLATE \"C\" AND ", ...str(v), " <= ", text(b.asOf), "::text COLLATE \"C\")"])
    }
    case "asOfIn":
      return [(node.from === undefined || b.asOf >= node.from) && (node.until === undefined || b.asOf < node.until) ? "TRUE" : "FALSE"]
    case "intersects":
      return leaf(facts, node.fact, (v) => ["(", ...typeIs(v, "array"), " AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN ", ...typeIs(v, "array"), " THEN ", ...v, " ELSE '[]'::jsonb END) x WHERE x IN ", ...elementsOf(node.values), "))"])
    case "containsAll":
      return leaf(facts, node.fact, (v) => [
        "(",
        ...typeIs(v, "array"),
        " AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(",
        json(node.values),
        "::jsonb) y WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN ",
        ...typeIs(v, "array"),
        " THEN ",
        ...v,
        " ELSE '[]'::jsonb END) x WHERE x = y)))"
      ])
    case "count":
    case "aggregate":
      return householdLeaf(b, facts, node)
  }
}

/** The latest birth date at which a person is at least `years` old on `asOf` (the core's rule, 29 Feb included). */
const birthBound = (asOf: string, years: number): string => `${String(Number(asOf.slice(0, 4)) - years).padStart(4, "0")}${asOf.slice(4)}`

/**
 * Compiles a rule as of a date over a facts column. Throws {@link SqlRuleError} when `facts` is not
 * a plain column reference (`col` or `alias.col`) or `asOf` is not a calendar date.
 * @category compiling
 * @since 0.1.0
 * @example
 * ```ts
 * const handoff = Rule.all({ id: "handoff", ja: "支援要請の対象", en: "hand-off" }, [
 *   Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work"),
 *   Rule.eq({ id: "ward", ja: "鶴見区", en: "Tsurumi ward" }, "ward", "tsurumi")
 * ])
 * const compiled = SqlRule.compile(handoff, { asOf: "2024-04-01", facts: "p.facts" }) // TRUE / FALSE / NULL (undetermined)
 * ```
 */
export const compile = (rule: Rule.Rule, options: Options): Compiled => {
  if (!COLUMN.test(options.facts)) throw new SqlRuleError({ path: ["facts"], message: `facts must be a column reference like p.facts, got ${JSON.stringify(options.facts)}` })
  if (!isLocalDate(options.asOf)) throw new SqlRuleError({ path: ["asOf"], message: `asOf must be a calendar date YYYY-MM-DD, got ${JSON.stringify(options.asOf)}` })
  return { parts: compileNode(builder(options.asOf), rule, [options.facts]) }
}

/**
 * The compiled expression as text with `$1, $2 …` placeholders and its parameters (for any driver). @category rendering @since 0.1.0
 * @example
 * ```ts
 * const { text, params } = SqlRule.toText(SqlRule.compile(Rule.eq({ id: "ward", ja: "鶴見区", en: "Tsurumi ward" }, "ward", "tsurumi"), { asOf: "2024-04-01", facts: "p.facts" }))
 * // text uses $1, $2 … for params (here "tsurumi"), for pg, postgres.js or any driver
 * ```
 */
export const toText = (compiled: Compiled, firstPlaceholder = 1): { readonly text: string; readonly params: ReadonlyArray<unknown> } => {
  let text = ""
  const params: Array<unknown> = []
  for (const part of compiled.parts) {
    if (typeof part === "string") text += part
    else {
      params.push(part.param)
      text += `$${firstPlaceholder + params.length - 1}`
    }
  }
  return { text, params }
}

/**
 * The compiled expression as an effect/sql fragment (composable: placeholders are renumbered). @category rendering @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const ward = Rule.eq({ id: "ward", ja: "鶴見区", en: "Tsurumi ward" }, "ward", "tsurumi")
 * const answers = Effect.gen(function* () {
 *   const sql = yield* SqlClient.SqlClient
 *   const expr = SqlRule.fragment(sql, SqlRule.compile(ward, { asOf: "2024-04-01", facts: "p.facts" }))
 *   return yield* sql<{ readonly id: string; readonly eligible: boolean | null }>`SELECT p.id, ${expr} AS eligible FROM people p`
 * })
 * ```
 */
export const fragment = (sql: SqlClient.SqlClient, compiled: Compiled): Statement.Fragment => {
  const strings: Array<string> = [""]
  const params: Array<unknown> = []
  for (const part of compiled.parts) {
    if (typeof part === "string") strings[strings.length - 1] += part
    else {
      params.push(part.param)
      strings.push("")
    }
  }
  const template = Object.assign([...strings], { raw: [...strings] }) as unknown as TemplateStringsArray
  return sql(template, ...(params as Array<never>)) as unknown as Statement.Fragment
}

/**
 * Which answer a WHERE clause selects. @category rendering @since 0.1.0
 * @example
 * ```ts
 * const undetermined: SqlRule.Outcome = "undetermined" // facts missing: ask, do not refuse
 * ```
 */
export type Outcome = "eligible" | "ineligible" | "undetermined"

/**
 * A WHERE condition selecting the people with one outcome (default `eligible`): `(expr) IS TRUE`,
 * `IS FALSE` or `IS NULL`.
 * @category rendering
 * @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const able = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * const toAsk = Effect.gen(function* () {
 *   const sql = yield* SqlClient.SqlClient
 *   return yield* sql`SELECT p.id FROM people p WHERE ${SqlRule.where(sql, able, { asOf: "2024-04-01", facts: "p.facts", outcome: "undetermined" })}`
 * })
 * ```
 */
export const where = (sql: SqlClient.SqlClient, rule: Rule.Rule, options: Options & { readonly outcome?: Outcome }): Statement.Fragment => {
  const test = options.outcome === "ineligible" ? " IS FALSE" : options.outcome === "undetermined" ? " IS NULL" : " IS TRUE"
  return fragment(sql, { parts: ["(", ...compile(rule, options).parts, ")", test] })
}

/**
 * A SQL expression giving the outcome as text (`'eligible'`, `'ineligible'`, `'undetermined'`). @category rendering @since 0.1.0
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { SqlClient } from "effect/sql"
 * const able = Rule.isTrue({ id: "able", ja: "稼働能力がある", en: "able to work" }, "able_to_work")
 * const byOutcome = Effect.gen(function* () {
 *   const sql = yield* SqlClient.SqlClient
 *   return yield* sql<{ readonly outcome: string; readonly n: number }>`SELECT ${SqlRule.outcome(sql, able, { asOf: "2024-04-01", facts: "p.facts" })} AS outcome, count(*) AS n FROM people p GROUP BY 1`
 * })
 * ```
 */
export const outcome = (sql: SqlClient.SqlClient, rule: Rule.Rule, options: Options): Statement.Fragment =>
  fragment(sql, { parts: ["(CASE (", ...compile(rule, options).parts, ") WHEN TRUE THEN 'eligible' WHEN FALSE THEN 'ineligible' ELSE 'undetermined' END)"] })
