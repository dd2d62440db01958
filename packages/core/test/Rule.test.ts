import { readFileSync } from "node:fs"
import { join } from "node:path"
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it, vi } from "vitest"
import { coverage } from "./coverage.ts"
import { root } from "./docsHarness.ts"
import { Fact, Period, Rule, Verdict } from "@jiritsu/core"
import {
  ALL_FACTS,
  arbAsOf,
  arbExtension,
  arbFacts,
  arbFill,
  arbLocalDate,
  arbMalformedRule,
  arbRule,
  withIds
} from "./arbitraries.ts"

const d = Period.unsafeDate
const AS_OF = d("2025-06-01")

const meta = (id: string, ja: string, en: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja, en, ...extra })

const workingAge = Rule.age(meta("working_age", "就労可能年齢", "working age", { citation: { source: "P7", section: "稼働年齢" } }), "birth_date", {
  min: 18,
  max: 64
})
const motivated = Rule.isTrue(meta("motivation", "就労意欲", "wish to work", { soft: true }), "wants_work")
const consent = Rule.exists(meta("consent", "同意書", "consent on file"), "consent_id")
const groups = Rule.intersects(meta("target_group", "対象者区分", "target group"), "target_groups", ["welfare_recipient", "single_parent"])
const handoff = Rule.all(meta("hw_handoff", "ハローワーク支援要件", "HW hand-off"), [groups, workingAge, motivated, consent])

const run = (rule: Rule.Rule, facts: Record<string, unknown>, asOf: Period.LocalDate = AS_OF, overrides: ReadonlyArray<Verdict.Override> = []): Verdict.Verdict => {
  const r = Rule.evaluate(rule, { asOf, facts: facts as never, overrides })
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const outcome = (rule: Rule.Rule, facts: Record<string, unknown>, asOf: Period.LocalDate = AS_OF): Verdict.Outcome => run(rule, facts, asOf).outcome

const person = {
  birth_date: "1980-05-01",
  target_groups: ["welfare_recipient"],
  wants_work: true,
  consent_id: "c-1"
}

describe("Rule: evaluation", () => {
  it("is eligible when every clause passes, with a trace per clause", () => {
    const v = run(handoff, person)
    expect(v.outcome).toBe("eligible")
    expect(v.format).toBe("jiritsu.trace/1")
    expect(v.clauses.map((c) => [c.id, c.status])).toEqual([
      ["hw_handoff", "passed"],
      ["target_group", "passed"],
      ["working_age", "passed"],
      ["motivation", "passed"],
      ["consent", "passed"]
    ])
    expect(v.clauses.find((c) => c.id === "working_age")?.observed).toBe(45)
    expect(v.clauses.find((c) => c.id === "working_age")?.citation).toEqual({ source: "P7", section: "稼働年齢" })
  })

  it("says why not, in a sentence a caseworker can read out", () => {
    const v = run(handoff, { ...person, birth_date: "2008-05-01" })
    expect(v.outcome).toBe("ineligible")
    expect(Verdict.whyNot(v, "ja")).toEqual(["年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です"])
    expect(Verdict.whyNot(v, "en")).toEqual(["Age 17 is outside working age (aged 18–64)"])
  })

  it("is undetermined with the next question when a needed fact is missing", () => {
    const { birth_date: _, ...rest } = person
    const v = run(handoff, rest)
    expect(v.outcome).toBe("undetermined")
    expect(v.missingFacts).toEqual(["birth_date"])
    expect(v.nextQuestion).toMatchObject({ fact: "birth_date", clauseId: "working_age" })
    expect(v.clauses.find((c) => c.id === "working_age")).toMatchObject({ status: "unknown", missing: ["birth_date"] })
  })

  it("does not ask for facts that can no longer matter", () => {
    const v = run(handoff, { target_groups: ["general_job_seeker"] })
    expect(v.outcome).toBe("ineligible")
    expect(v.missingFacts).toEqual([])
  })

  it("treats null as known-absent: exists fails, comparisons fail", () => {
    expect(outcome(consent, { consent_id: null })).toBe("ineligible")
    expect(outcome(consent, {})).toBe("undetermined")
    expect(outcome(Rule.gte(meta("x", "x", "x"), "n", 1), { n: null })).toBe("ineligible")
  })

  it("counts age as Japanese law does (29 February births)", () => {
    const adult = Rule.age(meta("adult", "成年", "adult"), "birth", { min: 18 })
    expect(outcome(adult, { birth: "2000-02-29" }, d("2018-02-28"))).toBe("ineligible")
    expect(outcome(adult, { birth: "2000-02-29" }, d("2018-03-01"))).toBe("eligible")
    expect(outcome(adult, { birth: "2000-03-01" }, d("2018-03-01"))).toBe("eligible")
  })

  it("applies date windows, recent dates and the evaluation date", () => {
    const lostWork = Rule.withinLast(meta("lost_work", "離職後2年以内", "lost work within 2 years"), "job_loss_date", 24)
    expect(outcome(lostWork, { job_loss_date: "2023-06-01" })).toBe("eligible")
    expect(outcome(lostWork, { job_loss_date: "2023-05-31" })).toBe("ineligible")
    expect(outcome(lostWork, { job_loss_date: "2025-06-02" })).toBe("ineligible")
    const fy2013 = Rule.asOfIn(meta("programme_running", "事業実施期間", "programme running"), { from: d("2013-04-01") })
    expect(outcome(fy2013, {}, d("2013-03-31"))).toBe("ineligible")
    expect(outcome(fy2013, {}, d("2013-04-01"))).toBe("eligible")
    const applied = Rule.dateIn(meta("applied", "申請日", "applied"), "applied_on", { from: d("2013-04-01"), until: d("2014-04-01") })
    expect(outcome(applied, { applied_on: "2014-03-31" })).toBe("eligible")
    expect(outcome(applied, { applied_on: "2014-04-01" })).toBe("ineligible")
  })

  it("aggregates over household members with three-valued ranges", () => {
    const children = Rule.count(meta("has_child", "18歳未満の子", "child under 18"), "household", {
      where: Rule.age(meta("minor", "18歳未満", "under 18"), "birth_date", { max: 17 }),
      op: "gte",
      value: 1
    })
    expect(outcome(children, { household: [{ birth_date: "1980-01-01" }, { birth_date: "2015-01-01" }] })).toBe("eligible")
    expect(outcome(children, { household: [{ birth_date: "1980-01-01" }] })).toBe("ineligible")
    const pending = run(children, { household: [{ birth_date: "1980-01-01" }, {}] })
    expect(pending.outcome).toBe("undetermined")
    expect(pending.missingFacts).toEqual(["household[1].birth_date"])
    const income = Rule.aggregate(meta("income", "世帯収入", "household income"), "household", { fn: "sum", field: "income", op: "lte", value: 130_000 })
    expect(outcome(income, { household: [{ income: 100_000 }, { income: 20_000 }] })).toBe("eligible")
    expect(outcome(income, { household: [{ income: 100_000 }, { income: 40_000 }] })).toBe("ineligible")
    expect(run(income, { household: [{ income: 100_000 }, {}] }).missingFacts).toEqual(["household[1].income"])
  })

  it("lets a municipal overlay add and exclude groups without copying the base", () => {
    const youth = Rule.include(meta("youth", "若者（おおむね40歳未満）", "youth under about 40"), Rule.age(meta("under40", "40歳未満", "under 40"), "birth_date", { max: 39 }), 1)
    const student = Rule.exclude(meta("hs_student", "高校生", "high-school student"), Rule.isTrue(meta("is_student", "在学中", "in school"), "hs_student"), 2)
    const city = Rule.overlay(meta("kawanishi", "川西市独自", "Kawanishi variant"), handoff, [youth, student])
    expect(outcome(city, { birth_date: "1995-01-01", target_groups: [], wants_work: true, consent_id: "c", hs_student: false })).toBe("eligible")
    expect(outcome(city, { ...person, hs_student: true })).toBe("ineligible")
    const excluded = run(city, { ...person, birth_date: "2008-01-01", hs_student: true })
    expect(Verdict.whyNot(excluded, "ja")).toEqual(["高校生のため対象外です"])
  })

  it("records staff overrides of soft clauses and refuses hard ones", () => {
    const unmotivated = { ...person, wants_work: false }
    expect(outcome(handoff, unmotivated)).toBe("ineligible")
    const v = run(handoff, unmotivated, AS_OF, [{ clauseId: "motivation", reason: "面談で意欲を確認", actor: "caseworker-07" }])
    expect(v.outcome).toBe("eligible")
    expect(v.clauses.find((c) => c.id === "motivation")).toMatchObject({
      status: "overridden",
      override: { reason: "面談で意欲を確認", actor: "caseworker-07" }
    })
    const hard = Rule.evaluate(handoff, { asOf: AS_OF, facts: unmotivated, overrides: [{ clauseId: "working_age", reason: "x", actor: "y" }] })
    expect(Result.isFailure(hard) && hard.failure).toMatchObject({ _tag: "OverrideRefused", reason: "hard_clause", clauseId: "working_age" })
    const unknown = Rule.evaluate(handoff, { asOf: AS_OF, facts: unmotivated, overrides: [{ clauseId: "nope", reason: "x", actor: "y" }] })
    expect(Result.isFailure(unknown) && unknown.failure).toMatchObject({ reason: "unknown_clause" })
  })

  it("given overrides, a soft clause that did not pass (failed or unknown) is overridden, a passing one is left as it is, and hard, exception, unknown or repeated overrides are refused whole", () => {
    const soft = Rule.isTrue(meta("motivation", "就労意欲", "wish to work", { soft: true }), "wants_work")
    const hard = Rule.exists(meta("consent", "同意書", "consent"), "consent_id")
    const student = Rule.exclude(meta("student", "学生", "student"), Rule.isTrue(meta("is_student", "在学", "in school"), "student"))
    const rule = Rule.overlay(meta("r", "要件", "requirement"), Rule.all(meta("base", "基本", "base"), [soft, hard]), [student])
    const o = (clauseId: string) => ({ clauseId, reason: "judged at the desk", actor: "staff-1" })
    const statusOf = (facts: Record<string, unknown>) => run(rule, facts, AS_OF, [o("motivation")]).clauses.find((c) => c.id === "motivation")
    const overridden = { status: "overridden", override: { reason: "judged at the desk", actor: "staff-1" } }
    expect(statusOf({ consent_id: "c", student: false })).toMatchObject(overridden)
    expect(statusOf({ wants_work: false, consent_id: "c", student: false })).toMatchObject(overridden)
    const passed = statusOf({ wants_work: true, consent_id: "c", student: false })
    expect(passed?.status).toBe("passed")
    expect(passed?.override).toBeUndefined()
    const refusal = (overrides: ReadonlyArray<Verdict.Override>) => {
      const r = Rule.evaluate(rule, { asOf: AS_OF, facts: {}, overrides })
      return Result.isFailure(r) ? r.failure : undefined
    }
    expect(refusal([o("motivation"), o("motivation")])).toEqual({ _tag: "OverrideRefused", clauseId: "motivation", reason: "duplicate_override", message: 'clause "motivation" is overridden twice', messageJa: "条項「就労意欲」に判断が重複しています" })
    expect(refusal([o("student")])).toEqual({ _tag: "OverrideRefused", clauseId: "student", reason: "hard_clause", message: 'clause "student" is a hard requirement and cannot be overridden', messageJa: "条項「学生」は必須要件のため、職員判断で変更できません" })
    expect(refusal([o("motivation"), o("consent")])).toEqual({ _tag: "OverrideRefused", clauseId: "consent", reason: "hard_clause", message: 'clause "consent" is a hard requirement and cannot be overridden', messageJa: "条項「同意書」は必須要件のため、職員判断で変更できません" })
    expect(refusal([o("nope")])).toEqual({ _tag: "OverrideRefused", clauseId: "nope", reason: "unknown_clause", message: 'no clause "nope" in rule r', messageJa: "条項「nope」はありません" })
  })

  it("uses custom why-not templates with the observed value", () => {
    const older = Rule.age(
      meta("older", "おおむね55歳以上", "about 55 or over", { soft: true, whyNot: { ja: "{value}歳のため{label}に該当しません", en: "{value} is not {label}" } }),
      "birth_date",
      { min: 55 }
    )
    expect(Verdict.whyNot(run(older, { birth_date: "1975-01-01" }), "ja")).toEqual(["50歳のためおおむね55歳以上に該当しません"])
  })
})

describe("Rule: decoding, hashing, checks, Mermaid", () => {
  it("decodes a rule document and names the path of a bad field", () => {
    const doc = JSON.parse(JSON.stringify(handoff))
    expect(Result.isSuccess(Rule.decode(doc))).toBe(true)
    doc.children[1].min = "eighteen"
    const r = Rule.decode(doc)
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) expect(r.failure.issues.some((i) => i.path.join(".") === "children.1.min")).toBe(true)
  })

  it("refuses unknown keys in rule documents (a typo must not widen a rule) and unknown kinds", () => {
    const typo = Rule.decode({ ...JSON.parse(JSON.stringify(workingAge)), mni: 18 })
    expect(Result.isFailure(typo) && typo.failure.issues).toEqual([{ path: [], message: 'unknown key "mni" (did you mean "min"?)' }])
    const kind = Rule.decode({ kind: "older_than", id: "x", labels: { ja: "x", en: "x" } })
    expect(Result.isFailure(kind) && kind.failure.issues[0]?.path).toEqual(["kind"])
  })

  it("given a bad rule document or input, the error's message lists every issue as path: message, (root) for the document itself", () => {
    const failure = <E>(r: Result.Result<unknown, E>): E | undefined => (Result.isFailure(r) ? r.failure : undefined)
    expect(failure(Rule.decode({ kind: "older_than", id: "x", labels: { ja: "x", en: "x" } }))?.message).toBe(
      'kind: unknown clause kind "older_than"; expected one of all, any, not, overlay, compare, in, between, exists, age, dateIn, withinLast, asOfIn, intersects, containsAll, count, aggregate'
    )
    expect(failure(Rule.decode({ kind: "compare", id: "x", labels: { ja: "x", en: "x" }, fact: "f", op: "eq", value: 1, mni: 2 }))).toEqual({
      _tag: "RuleDecodeError",
      issues: [{ path: [], message: 'unknown key "mni"; allowed keys: kind, id, labels, citation, whyNot, soft, fact, op, value' }],
      message: '(root): unknown key "mni"; allowed keys: kind, id, labels, citation, whyNot, soft, fact, op, value'
    })
    expect(failure(Rule.decode({ kind: "all", id: "x", labels: { ja: "x", en: "x" }, children: [{ kind: "exists", id: "y", labels: { ja: "y" }, fact: "f" }] }))).toEqual({
      _tag: "RuleDecodeError",
      issues: [{ path: ["children", 0, "labels", "en"], message: "Missing key" }],
      message: "children.0.labels.en: Missing key"
    })
    expect(failure(Rule.decode(5))?.message).toBe("(root): Expected a clause (an object with kind, id and labels), got 5")
    expect(failure(Rule.decodeInput({ asOf: "2025-02-01", facts: {}, overrides: [{ clauseId: 1 }] }))).toEqual({
      _tag: "InputDecodeError",
      issues: [
        { path: ["overrides", 0, "clauseId"], message: "Expected string, got 1" },
        { path: ["overrides", 0, "reason"], message: "Missing key" },
        { path: ["overrides", 0, "actor"], message: "Missing key" }
      ],
      message: "overrides.0.clauseId: Expected string, got 1; overrides.0.reason: Missing key; overrides.0.actor: Missing key"
    })
    expect(failure(Rule.decodeInput(null))?.message).toBe("(root): Expected object, got null")
  })

  it("given a malformed rule document, each issue names the field and says what was expected and what was found", () => {
    const L = { ja: "x", en: "x" }
    const c = (extra: object) => ({ kind: "compare", id: "c", labels: L, fact: "f", op: "eq", value: 1, ...extra })
    const KINDS = "all, any, not, overlay, compare, in, between, exists, age, dateIn, withinLast, asOfIn, intersects, containsAll, count, aggregate"
    const clause = "Expected a clause (an object with kind, id and labels), got"
    const value = "Expected a string, a finite number or a boolean, got"
    const cases: ReadonlyArray<readonly [unknown, ReadonlyArray<{ readonly path: ReadonlyArray<string | number>; readonly message: string }>]> = [
      [c({ value: {} }), [{ path: ["value"], message: `${value} an object` }]],
      [c({ value: Infinity }), [{ path: ["value"], message: "Expected a finite number, got Infinity" }]],
      [{ kind: "in", id: "i", labels: L, fact: "f", values: [1, null] }, [{ path: ["values", 1], message: `${value} null` }]],
      [{ kind: "between", id: "b", labels: L, fact: "f", min: [], max: 3 }, [{ path: ["min"], message: `${value} an empty list` }]],
      [c({ op: "eqq" }), [{ path: ["op"], message: 'Expected "eq" | "neq" | "gt" | "gte" | "lt" | "lte", got "eqq" (did you mean "eq"?)' }]],
      [{ kind: "aggregate", id: "g", labels: L, fact: "h", fn: "summ", field: "i", op: "lte", value: 1 }, [{ path: ["fn"], message: 'Expected "sum" | "min" | "max", got "summ" (did you mean "sum"?)' }]],
      [{ kind: "compar", id: "c", labels: L }, [{ path: ["kind"], message: `unknown clause kind "compar" (did you mean "compare"?); expected one of ${KINDS}` }]],
      [{ kind: 3, id: "c", labels: L }, [{ path: ["kind"], message: `unknown clause kind 3; expected one of ${KINDS}` }]],
      [{ kind: "not", id: "n", labels: L, child: 5 }, [{ path: ["child"], message: `${clause} 5` }]],
      [{ kind: "not", id: "n", labels: L, child: { id: "x" } }, [{ path: ["child", "kind"], message: `Missing key: a clause needs a kind, one of ${KINDS}` }]],
      [{ kind: "all", id: "a", labels: L, children: ["x"] }, [{ path: ["children", 0], message: `${clause} "x"` }]],
      [{ kind: "count", id: "k", labels: L, fact: "h", where: "x", op: "gte", value: 1 }, [{ path: ["where"], message: `${clause} "x"` }]],
      [
        { kind: "overlay", id: "o", labels: L, base: c({}), exceptions: [{ kind: "exceptoin", id: "e", labels: L }] },
        [
          { path: ["exceptions", 0, "kind"], message: 'Expected "exception", got "exceptoin"' },
          { path: ["exceptions", 0, "priority"], message: "Missing key" },
          { path: ["exceptions", 0, "effect"], message: "Missing key" },
          { path: ["exceptions", 0, "when"], message: "Missing key" }
        ]
      ],
      [c({ labels: "x" }), [{ path: ["labels"], message: 'Expected object, got "x"' }]],
      [c({ labels: "b".repeat(60) }), [{ path: ["labels"], message: `Expected object, got "${"b".repeat(40)}"…` }]],
      [c({ fact: [] }), [{ path: ["fact"], message: "Expected string, got an empty list" }]],
      [c({ fact: [1, 2] }), [{ path: ["fact"], message: "Expected string, got a list of 2" }]],
      [c({ fact: true }), [{ path: ["fact"], message: "Expected string, got true" }]],
      [c({ fact: () => 1 }), [{ path: ["fact"], message: "Expected string, got a function" }]]
    ]
    for (const [doc, issues] of cases) {
      const r = Rule.decode(doc)
      expect(Result.isFailure(r) ? r.failure.issues : "decoded", JSON.stringify(doc)).toEqual(issues)
    }
  })

  it("decodes evaluation input and names the path of a bad fact", () => {
    const r = Rule.evaluateUnknown(handoff, { asOf: "2025-02-30", facts: { household: [{ income: {} }] } })
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r) && r.failure._tag === "InputDecodeError") {
      const paths = r.failure.issues.map((i) => i.path.join("."))
      expect(paths).toContain("asOf")
      expect(paths.some((p) => p.startsWith("facts.household.0.income"))).toBe(true)
    }
  })

  it("hashes rules by content", () => {
    expect(Rule.hash(handoff)).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(Rule.hash(handoff)).not.toBe(Rule.hash(Rule.all(meta("hw_handoff", "ハローワーク支援要件", "HW hand-off"), [groups, workingAge, consent])))
  })

  it("finds contradictions, constant clauses, duplicate ids and overlay conflicts", () => {
    const contradictory = Rule.all(meta("a", "a", "a"), [
      Rule.age(meta("young", "若年", "young"), "birth", { max: 17 }),
      Rule.age(meta("old", "高齢", "old"), "birth", { min: 65 })
    ])
    expect(Rule.check(contradictory).map((f) => f._tag)).toContain("ContradictoryClauses")
    const constant = Rule.any(meta("b", "b", "b"), [Rule.all(meta("empty", "空", "empty"), []), workingAge])
    const tags = Rule.check(constant).map((f) => f._tag)
    expect(tags).toContain("ClauseNeverMatters")
    expect(tags).toContain("ConstantClause")
    expect(Rule.check(Rule.all(meta("d", "d", "d"), [workingAge, workingAge])).map((f) => f._tag)).toContain("DuplicateClauseId")
    const conflict = Rule.overlay(meta("o", "o", "o"), handoff, [
      Rule.include(meta("i", "i", "i"), Rule.isTrue(meta("x", "x", "x"), "x"), 1),
      Rule.exclude(meta("e", "e", "e"), Rule.isTrue(meta("y", "y", "y"), "y"), 1)
    ])
    expect(Rule.check(conflict).map((f) => f._tag)).toContain("OverlayConflict")
    expect(Rule.check(handoff)).toEqual([])
  })

  it("given two clauses on one fact under an all, check reports a contradiction exactly when no value can pass both (bounds, open and closed; lists; types; ages apart from values)", () => {
    const m = (id: string) => ({ id, ja: id, en: id })
    const pairs: ReadonlyArray<readonly [Rule.Rule, Rule.Rule, boolean]> = [
      [Rule.gte(m("a"), "x", 18), Rule.lt(m("b"), "x", 18), true],
      [Rule.gte(m("a"), "x", 18), Rule.lte(m("b"), "x", 18), false],
      [Rule.gt(m("a"), "x", 18), Rule.lte(m("b"), "x", 18), true],
      [Rule.gt(m("a"), "x", 18), Rule.lt(m("b"), "x", 19), false],
      [Rule.eq(m("a"), "x", 5), Rule.gt(m("b"), "x", 5), true],
      [Rule.eq(m("a"), "x", 5), Rule.gte(m("b"), "x", 5), false],
      [Rule.eq(m("a"), "x", 5), Rule.lt(m("b"), "x", 5), true],
      [Rule.eq(m("a"), "x", 5), Rule.lte(m("b"), "x", 5), false],
      [Rule.gt(m("a"), "x", 5), Rule.eq(m("b"), "x", 5), true],
      [Rule.isIn(m("a"), "x", [1, 2]), Rule.gt(m("b"), "x", 2), true],
      [Rule.isIn(m("a"), "x", [1, 3]), Rule.gt(m("b"), "x", 2), false],
      [Rule.eq(m("a"), "x", "a"), Rule.isIn(m("b"), "x", ["b"]), true],
      [Rule.eq(m("a"), "x", "a"), Rule.isIn(m("b"), "x", ["b", "a"]), false],
      [Rule.eq(m("a"), "x", "a"), Rule.gt(m("b"), "x", 3), true],
      [Rule.eq(m("a"), "x", "a"), Rule.lt(m("b"), "x", 3), true],
      [Rule.between(m("a"), "x", 1, 5), Rule.between(m("b"), "x", 6, 9), true],
      [Rule.between(m("a"), "x", 1, 5), Rule.between(m("b"), "x", 5, 9), false],
      [Rule.gte(m("a"), "x", "2020-01-01"), Rule.lt(m("b"), "x", 5), true],
      [Rule.isTrue(m("a"), "x"), Rule.isFalse(m("b"), "x"), true],
      [Rule.isTrue(m("a"), "x"), Rule.neq(m("b"), "x", true), true],
      [Rule.isTrue(m("a"), "x"), Rule.neq(m("b"), "x", false), false],
      [Rule.between(m("a"), "x", 5, 5), Rule.neq(m("b"), "x", 5), true],
      [Rule.between(m("a"), "x", 5, 6), Rule.neq(m("b"), "x", 5), false],
      [Rule.gt(m("a"), "x", false), Rule.isFalse(m("b"), "x"), true],
      [Rule.gte(m("a"), "x", false), Rule.isFalse(m("b"), "x"), false],
      [Rule.lt(m("a"), "x", true), Rule.gt(m("b"), "x", false), true],
      [Rule.age(m("a"), "x", { min: 18 }), Rule.lt(m("b"), "x", 5), false],
      [Rule.age(m("a"), "x", { min: 65 }), Rule.age(m("b"), "x", { max: 17 }), true],
      [Rule.age(m("a"), "x", { min: 18, max: 64 }), Rule.age(m("b"), "x", { min: 64 }), false],
      [Rule.gt(m("a"), "x", 5), Rule.lt(m("b"), "y", 1), false]
    ]
    for (const [a, b, contradicts] of pairs) {
      const findings = Rule.check(Rule.all(m("r"), [a, b])).filter((f) => f._tag === "ContradictoryClauses")
      expect(findings, JSON.stringify([a, b])).toEqual(
        contradicts
          ? [
              {
                _tag: "ContradictoryClauses",
                severity: "error",
                clauseId: "r",
                fact: "x",
                clauseIds: ["a", "b"],
                message: { ja: "r: a と b は同じ事実「x」について両立しないため、常に不充足です", en: 'r: a and b contradict each other on fact "x"; the clause can never pass' }
              }
            ]
          : []
      )
    }
  })

  it("given a range no value can fall in, check reports it as an error naming the clause; a one-point range is not empty", () => {
    const m = (id: string) => ({ id, ja: id, en: id })
    const d = Period.unsafeDate
    const empty = { _tag: "EmptyRange", severity: "error", clauseId: "e", message: { ja: "e: 範囲が空のため常に不充足です", en: "e: the range is empty, the clause can never pass" } }
    const cases: ReadonlyArray<readonly [Rule.Rule, boolean]> = [
      [Rule.between(m("e"), "x", 5, 1), true],
      [Rule.between(m("e"), "x", 1, 1), false],
      [Rule.between(m("e"), "x", 1, "a"), true],
      [Rule.age(m("e"), "x", { min: 30, max: 20 }), true],
      [Rule.age(m("e"), "x", { min: 20, max: 20 }), false],
      [Rule.age(m("e"), "x", { min: 30 }), false],
      [Rule.dateIn(m("e"), "x", { from: d("2020-01-01"), until: d("2020-01-01") }), true],
      [Rule.dateIn(m("e"), "x", { from: d("2020-01-01"), until: d("2020-01-02") }), false],
      [Rule.asOfIn(m("e"), { from: d("2020-01-02"), until: d("2020-01-01") }), true],
      [Rule.asOfIn(m("e"), { from: d("2020-01-01") }), false],
      [Rule.isIn(m("e"), "x", []), true],
      [Rule.intersects(m("e"), "x", []), true],
      [Rule.containsAll(m("e"), "x", []), false]
    ]
    for (const [rule, isEmpty] of cases) expect(Rule.check(rule), JSON.stringify(rule)).toEqual(isEmpty ? [empty] : [])
  })

  it("given constant clauses, duplicate ids and conflicting exceptions, check names each clause, its parent, the reason and the value, in both languages", () => {
    const m = (id: string) => ({ id, ja: id, en: id })
    const yes = Rule.all(m("yes"), [])
    const no = Rule.any(m("no"), [])
    const x = Rule.isTrue(m("x"), "x")
    const y = Rule.isTrue(m("y"), "y")
    const never = (clauseId: string, parentId: string, reason: string) => ({
      _tag: "ClauseNeverMatters",
      severity: "warning",
      clauseId,
      parentId,
      reason,
      message: { ja: `${clauseId} は ${parentId} の結果に影響しません（${reason}）`, en: `${clauseId} can never change the result of ${parentId} (${reason})` }
    })
    const always = (clauseId: string, value: boolean) => ({
      _tag: "ConstantClause",
      severity: "warning",
      clauseId,
      value,
      message: value
        ? { ja: `${clauseId} は事実によらず常に充足です`, en: `${clauseId} is always passed, whatever the facts` }
        : { ja: `${clauseId} は事実によらず常に不充足です`, en: `${clauseId} is always failed, whatever the facts` }
    })
    // A failing child decides an all: its siblings never matter, and the all is constant too.
    expect(Rule.check(Rule.all(m("r"), [x, no]))).toEqual([never("x", "r", "decided_by_constant_sibling"), always("no", false), always("r", false)])
    // A passing child of an all (a failing one of an any) is neutral: it never matters, the rest still does.
    expect(Rule.check(Rule.all(m("r"), [yes, x]))).toEqual([never("yes", "r", "neutral_constant"), always("yes", true)])
    expect(Rule.check(Rule.any(m("r"), [no, x]))).toEqual([never("no", "r", "neutral_constant"), always("no", false)])
    expect(Rule.check(Rule.any(m("r"), [Rule.overlay(m("o"), no, [Rule.exclude(m("e"), y, 1)]), x]))).toEqual([never("o", "r", "neutral_constant"), always("o", false), always("no", false)])
    // An exception that always applies shadows the lower ones; one that never applies is unreachable.
    const shadowing = Rule.overlay(m("o"), x, [Rule.include(m("i"), Rule.all(m("t"), []), 2), Rule.exclude(m("e"), y, 1), Rule.include(m("i0"), Rule.any(m("f0"), []), 3)])
    expect(Rule.check(shadowing)).toEqual([never("i0", "o", "unreachable_exception"), never("e", "o", "unreachable_exception"), always("t", true), always("f0", false), always("o", true)])
    // A constant base under an exception that may apply is not constant; one that may only confirm it is.
    expect(Rule.check(Rule.overlay(m("o"), yes, [Rule.exclude(m("e"), y, 1)]))).toEqual([always("yes", true)])
    expect(Rule.check(Rule.overlay(m("o"), yes, [Rule.include(m("e"), y, 1)]))).toEqual([always("yes", true), always("o", true)])
    expect(Rule.check(Rule.all(m("r"), [x, Rule.any(m("o"), [x, y]), x]))).toEqual([
      { _tag: "DuplicateClauseId", severity: "error", clauseId: "x", count: 3, message: { ja: "条項ID「x」が3回使われています", en: 'clause id "x" is used 3 times' } }
    ])
    const conflict = Rule.overlay(m("o"), x, [Rule.include(m("i1"), y, 1), Rule.exclude(m("e1"), Rule.isTrue(m("z"), "z"), 1), Rule.include(m("i2"), Rule.isTrue(m("w"), "w"), 1), Rule.include(m("i3"), Rule.isTrue(m("v"), "v"), 2)])
    expect(Rule.check(conflict)).toEqual([
      {
        _tag: "OverlayConflict",
        severity: "warning",
        clauseId: "o",
        priority: 1,
        exceptionIds: ["i1", "i2", "e1"],
        message: { ja: "o: 優先度1で追加と除外の例外が競合します（両方該当する場合は除外が優先）", en: "o: include and exclude exceptions share priority 1 (when both apply, exclusion wins)" }
      }
    ])
  })

  it("exports a Mermaid flowchart with the clause labels", () => {
    const chart = Rule.toMermaid(handoff)
    expect(chart.startsWith("flowchart TD")).toBe(true)
    for (const label of ["ハローワーク支援要件", "就労可能年齢", "就労意欲", "同意書", "対象者区分"]) expect(chart).toContain(label)
    expect(chart.match(/^ {2}n\d+[[{(/]/gm)?.length).toBe(5)
    const coloured = Rule.toMermaid(handoff, { verdict: run(handoff, person), lang: "en" })
    expect(coloured).toContain("class n2 passed")
  })

  it("draws each kind of clause in its own shape, with its connective, exception effect and priority, escaping the labels (ja and en), and colours clauses by a verdict's status", () => {
    const m = (id: string, ja: string, en: string) => ({ id, ja, en })
    const base = Rule.any(m("base", '対象 "A"', "target <A>"), [
      Rule.not(m("n", "非就労", "not\nworking"), Rule.isTrue(m("w", "就労中", "working"), "working")),
      Rule.all(m("both", "両方", "both"), [Rule.exists(m("c", "同意", "consent"), "consent_id")])
    ])
    const rule = Rule.overlay(m("o", "上書き", "overlay"), base, [
      Rule.include(m("inc", "追加群", "added"), Rule.isTrue(m("x", "特例", "special"), "special"), 2),
      Rule.exclude(m("exc", "除外群", "removed"), Rule.isTrue(m("y", "除外", "barred"), "barred"))
    ])
    expect(Rule.toMermaid(rule).split("\n")).toEqual([
      "flowchart TD",
      '  n0[["上書き<br/><small>基本要件（例外規定あり）</small>"]]',
      '  n1{{"対象 #quot;A#quot;<br/><small>いずれかに該当</small>"}}',
      "  n0 --> n1",
      '  n2[/"非就労<br/><small>次に該当しないこと</small>"/]',
      "  n1 -->|または| n2",
      '  n3["就労中<br/><small>working = はい</small>"]',
      "  n2 --> n3",
      '  n4{{"両方<br/><small>すべてに該当</small>"}}',
      "  n1 -->|または| n4",
      '  n5["同意<br/><small>consent_idあり</small>"]',
      "  n4 -->|かつ| n5",
      '  n6[/"追加群<br/><small>優先度2の例外（対象に追加）</small>"/]',
      '  n0 -. "追加 p2" .-> n6',
      '  n7["特例<br/><small>special = はい</small>"]',
      "  n6 --> n7",
      '  n8[/"除外群<br/><small>優先度0の例外（対象から除外）</small>"/]',
      '  n0 -. "除外 p0" .-> n8',
      '  n9["除外<br/><small>barred = はい</small>"]',
      "  n8 --> n9"
    ])
    const verdict = run(rule, { working: false, special: false })
    const en = Rule.toMermaid(rule, { lang: "en", verdict }).split("\n")
    expect(en.slice(1, 3)).toEqual(['  n0[["overlay<br/><small>base rule with exceptions</small>"]]', '  n1{{"target #lt;A#gt;<br/><small>any of</small>"}}'])
    expect(en.filter((l) => l.includes("-->|") || l.includes(".->"))).toEqual(["  n1 -->|or| n2", "  n1 -->|or| n4", "  n4 -->|and| n5", '  n0 -. "include p2" .-> n6', '  n0 -. "exclude p0" .-> n8'])
    expect(en[4]).toBe('  n2[/"not working<br/><small>none of</small>"/]')
    expect(en.slice(20)).toEqual([
      "  classDef passed fill:#d4f7d4,stroke:#2e7d32",
      "  classDef failed fill:#fbd5d5,stroke:#c62828",
      "  classDef unknown fill:#fff3c4,stroke:#f9a825",
      "  classDef overridden fill:#d6e4ff,stroke:#1565c0",
      ...["unknown", "passed", "passed", "failed", "unknown", "unknown", "failed", "failed", "unknown", "unknown"].map((status, i) => `  class n${i} ${status}`)
    ])
    expect(verdict.clauses.map((c) => c.status)).toEqual(["unknown", "passed", "passed", "failed", "unknown", "unknown", "failed", "failed", "unknown", "unknown"])
  })

  it("reads only own facts: names like constructor or __proto__ are facts like any other", () => {
    const weird = Rule.all(meta("w", "w", "w"), [Rule.eq(meta("c", "c", "c"), "constructor", 1), Rule.exists(meta("p", "p", "p"), "toString")])
    const rows = [{}, JSON.parse('{"constructor": 1, "toString": "x"}')]
    expect(rows.map((r) => outcome(weird, r))).toEqual(["undetermined", "eligible"])
    expect(Rule.evaluateMany(weird, rows, { asOf: AS_OF })).toEqual(["undetermined", "eligible"])
    expect(Rule.evaluateMany(weird, { columns: { constructor: [undefined, 1] }, length: 2 }, { asOf: AS_OF })).toEqual(["undetermined", "undetermined"])
  })

  it("evaluates populations given as records or as columns", () => {
    const rows = [person, { ...person, birth_date: "2008-01-01" }, {}]
    expect(Rule.evaluateMany(handoff, rows, { asOf: AS_OF })).toEqual(["eligible", "ineligible", "undetermined"])
    const columns = { birth_date: rows.map((r) => (r as Record<string, unknown>)["birth_date"]), target_groups: rows.map((r) => (r as Record<string, unknown>)["target_groups"]), wants_work: rows.map((r) => (r as Record<string, unknown>)["wants_work"]), consent_id: rows.map((r) => (r as Record<string, unknown>)["consent_id"]) }
    expect(Rule.evaluateMany(handoff, { columns }, { asOf: AS_OF })).toEqual(["eligible", "ineligible", "undetermined"])
    const traced = Rule.evaluateMany(handoff, rows, { asOf: AS_OF, trace: true })
    expect(traced.verdict(1)).toEqual(run(handoff, rows[1]!))
  })
})

describe("Rule: what each kind of clause says", () => {
  it("given a leaf clause and facts that fail it, the verdict states its condition, the observed value and why not, in Japanese and English (a clause that passes gives no why-not)", () => {
    const m = (id: string, ja: string, en: string) => ({ id, ja, en })
    type Words = { readonly ja: string; readonly en: string }
    type Texts = { readonly expected: Words; readonly observedText?: Words; readonly whyNot?: Words }
    const rows: ReadonlyArray<readonly [Rule.Rule, Record<string, unknown>, Texts]> = [
      [Rule.gte(m("inc", "収入", "income"), "income", 100), { income: 50 }, {"expected": {"ja": "income ≥ 100", "en": "income ≥ 100"}, "observedText": {"ja": "income: 50", "en": "income: 50"}, "whyNot": {"ja": "収入：incomeが 50 のため要件（income ≥ 100）を満たしていません", "en": "income: income is 50, required income ≥ 100"}}],
      [Rule.neq(m("w", "区", "ward"), "ward", "a"), { ward: "a" }, {"expected": {"ja": "ward ≠ a", "en": "ward ≠ a"}, "observedText": {"ja": "ward: a", "en": "ward: a"}, "whyNot": {"ja": "区：wardが a のため要件（ward ≠ a）を満たしていません", "en": "ward: ward is a, required ward ≠ a"}}],
      [Rule.isIn(m("g", "区分", "group"), "group", ["a", "b"]), { group: "c" }, {"expected": {"ja": "groupがa・bのいずれか", "en": "group is one of a, b"}, "observedText": {"ja": "group: c", "en": "group: c"}, "whyNot": {"ja": "区分：groupが c のため要件（groupがa・bのいずれか）を満たしていません", "en": "group: group is c, required group is one of a, b"}}],
      [Rule.isIn(m("g0", "区分", "group"), "group", []), { group: "c" }, {"expected": {"ja": "group（値の指定なし・常に不充足）", "en": "group (no values listed; never met)"}, "observedText": {"ja": "group: c", "en": "group: c"}, "whyNot": {"ja": "区分：groupが c のため要件（group（値の指定なし・常に不充足））を満たしていません", "en": "group: group is c, required group (no values listed; never met)"}}],
      [Rule.containsAll(m("ca0", "区分", "groups"), "groups", []), { groups: null }, {"expected": {"ja": "groups（値の指定なし・常に充足）", "en": "groups (no values listed; always met)"}, "observedText": {"ja": "groups: なし", "en": "groups: none"}, "whyNot": {"ja": "区分：groupsが なし のため要件（groups（値の指定なし・常に充足））を満たしていません", "en": "groups: groups is none, required groups (no values listed; always met)"}}],
      [Rule.between(m("b", "時間", "hours"), "hours", 10, 20), { hours: 30 }, {"expected": {"ja": "hours 10〜20", "en": "hours 10–20"}, "observedText": {"ja": "hours: 30", "en": "hours: 30"}, "whyNot": {"ja": "時間：hoursが 30 のため要件（hours 10〜20）を満たしていません", "en": "hours: hours is 30, required hours 10–20"}}],
      [Rule.exists(m("e", "同意", "consent"), "consent_id"), { consent_id: null }, {"expected": {"ja": "consent_idあり", "en": "consent_id on file"}, "observedText": {"ja": "consent_id: なし", "en": "consent_id: none"}, "whyNot": {"ja": "同意：consent_idが確認できません", "en": "consent: no consent_id on file"}}],
      [Rule.age(m("a1", "年齢", "age"), "birth", { min: 18 }), { birth: "2010-01-01" }, {"expected": {"ja": "18歳以上", "en": "aged 18 or over"}, "observedText": {"ja": "年齢 15歳", "en": "age 15"}, "whyNot": {"ja": "年齢 15 歳は年齢（18歳以上）の範囲外です", "en": "Age 15 is outside age (aged 18 or over)"}}],
      [Rule.age(m("a2", "年齢", "age"), "birth", { max: 64 }), { birth: "1950-01-01" }, {"expected": {"ja": "64歳以下", "en": "aged 64 or under"}, "observedText": {"ja": "年齢 75歳", "en": "age 75"}, "whyNot": {"ja": "年齢 75 歳は年齢（64歳以下）の範囲外です", "en": "Age 75 is outside age (aged 64 or under)"}}],
      [Rule.age(m("a3", "年齢", "age"), "birth", {}), { birth: "1950-01-01" }, {"expected": {"ja": "年齢制限なし", "en": "any age"}, "observedText": {"ja": "年齢 75歳", "en": "age 75"}}],
      [Rule.dateIn(m("d1", "申請日", "applied"), "applied", { from: Period.unsafeDate("2025-01-01"), until: Period.unsafeDate("2025-04-01") }), { applied: "2024-01-01" }, {"expected": {"ja": "applied: 2025-01-01以降2025-04-01より前", "en": "applied: from 2025-01-01, before 2025-04-01"}, "observedText": {"ja": "applied: 2024-01-01", "en": "applied: 2024-01-01"}, "whyNot": {"ja": "申請日：appliedが 2024-01-01 のため要件（applied: 2025-01-01以降2025-04-01より前）を満たしていません", "en": "applied: applied is 2024-01-01, required applied: from 2025-01-01, before 2025-04-01"}}],
      [Rule.dateOnOrAfter(m("d2", "申請日", "applied"), "applied", Period.unsafeDate("2025-01-01")), { applied: "2024-01-01" }, {"expected": {"ja": "applied: 2025-01-01以降", "en": "applied: on or after 2025-01-01"}, "observedText": {"ja": "applied: 2024-01-01", "en": "applied: 2024-01-01"}, "whyNot": {"ja": "申請日：appliedが 2024-01-01 のため要件（applied: 2025-01-01以降）を満たしていません", "en": "applied: applied is 2024-01-01, required applied: on or after 2025-01-01"}}],
      [Rule.dateBefore(m("d3", "申請日", "applied"), "applied", Period.unsafeDate("2024-01-01")), { applied: "2024-02-01" }, {"expected": {"ja": "applied: 2024-01-01より前", "en": "applied: before 2024-01-01"}, "observedText": {"ja": "applied: 2024-02-01", "en": "applied: 2024-02-01"}, "whyNot": {"ja": "申請日：appliedが 2024-02-01 のため要件（applied: 2024-01-01より前）を満たしていません", "en": "applied: applied is 2024-02-01, required applied: before 2024-01-01"}}],
      [Rule.withinLast(m("wl", "離職日", "left"), "left_on", 12), { left_on: "2020-01-01" }, {"expected": {"ja": "left_onが基準日前12か月以内", "en": "left_on within the last 12 months"}, "observedText": {"ja": "left_on: 2020-01-01", "en": "left_on: 2020-01-01"}, "whyNot": {"ja": "離職日：left_onが 2020-01-01 のため要件（left_onが基準日前12か月以内）を満たしていません", "en": "left: left_on is 2020-01-01, required left_on within the last 12 months"}}],
      [Rule.asOfIn(m("ao", "期間", "period"), { from: Period.unsafeDate("2026-01-01") }), {}, {"expected": {"ja": "基準日が2026-01-01以降", "en": "evaluation date on or after 2026-01-01"}, "observedText": {"ja": "基準日: 2025-06-01", "en": "evaluation date: 2025-06-01"}, "whyNot": {"ja": "期間：基準日 2025-06-01 は対象期間外です（基準日が2026-01-01以降）", "en": "period: the date 2025-06-01 is outside the period (evaluation date on or after 2026-01-01)"}}],
      [Rule.asOfIn(m("ao2", "期間", "period"), {}), {}, {"expected": {"ja": "基準日がいつでも", "en": "evaluation date any date"}, "observedText": {"ja": "基準日: 2025-06-01", "en": "evaluation date: 2025-06-01"}}],
      [Rule.intersects(m("i1", "対象", "target"), "groups", ["a"]), { groups: ["b"] }, {"expected": {"ja": "groupsにaを含む", "en": "a among groups"}, "observedText": {"ja": "groups: b", "en": "groups: b"}, "whyNot": {"ja": "groups（b）にaが含まれていません", "en": "a not among groups (b)"}}],
      [Rule.intersects(m("i2", "対象", "target"), "groups", ["a", "b"]), { groups: ["c"] }, {"expected": {"ja": "groupsがa・bのいずれかを含む", "en": "any of a, b among groups"}, "observedText": {"ja": "groups: c", "en": "groups: c"}, "whyNot": {"ja": "groups（c）にa・bのいずれも含まれていません", "en": "None of a, b among groups (c)"}}],
      [Rule.containsAll(m("c2", "全部", "all"), "groups", ["a", "b"]), { groups: ["a"] }, {"expected": {"ja": "groupsがa・bをすべて含む", "en": "all of a, b among groups"}, "observedText": {"ja": "groups: a", "en": "groups: a"}, "whyNot": {"ja": "groups（a）にa・bの一部が含まれていません", "en": "Not all of a, b among groups (a)"}}],
      [Rule.count(m("n", "子", "children"), "household", { op: "gte", value: 2 }), { household: [{}] }, {"expected": {"ja": "householdのうち該当する人数 ≥ 2", "en": "number of matching household ≥ 2"}, "observedText": {"ja": "householdのうち該当する人数: 1", "en": "matching household: 1"}, "whyNot": {"ja": "子：householdのうち該当する人数が 1 のため要件（householdのうち該当する人数 ≥ 2）を満たしていません", "en": "children: matching household is 1, required number of matching household ≥ 2"}}],
      [Rule.aggregate(m("s", "世帯収入", "household income"), "household", { fn: "sum", field: "income", op: "lte", value: 100 }), { household: [{ income: 80 }, { income: 40 }] }, {"expected": {"ja": "householdのincomeの合計 ≤ 100", "en": "total income of household ≤ 100"}, "observedText": {"ja": "householdのincomeの合計: 120", "en": "total income of household: 120"}, "whyNot": {"ja": "世帯収入：householdのincomeの合計が 120 のため要件（householdのincomeの合計 ≤ 100）を満たしていません", "en": "household income: total income of household is 120, required total income of household ≤ 100"}}],
      [Rule.aggregate(m("mn", "最低", "lowest"), "household", { fn: "min", field: "income", op: "gt", value: 100 }), { household: [{ income: 80 }] }, {"expected": {"ja": "householdのincomeの最小値 > 100", "en": "lowest income of household > 100"}, "observedText": {"ja": "householdのincomeの最小値: 80", "en": "lowest income of household: 80"}, "whyNot": {"ja": "最低：householdのincomeの最小値が 80 のため要件（householdのincomeの最小値 > 100）を満たしていません", "en": "lowest: lowest income of household is 80, required lowest income of household > 100"}}],
      [Rule.aggregate(m("mx", "最高", "highest"), "household", { fn: "max", field: "income", op: "lt", value: 10 }), { household: [{ income: 80 }] }, {"expected": {"ja": "householdのincomeの最大値 < 10", "en": "highest income of household < 10"}, "observedText": {"ja": "householdのincomeの最大値: 80", "en": "highest income of household: 80"}, "whyNot": {"ja": "最高：householdのincomeの最大値が 80 のため要件（householdのincomeの最大値 < 10）を満たしていません", "en": "highest: highest income of household is 80, required highest income of household < 10"}}],
      [Rule.not(m("nt", "阻害要因なし", "no barrier"), Rule.isTrue(m("bar", "阻害要因", "barrier"), "barrier")), { barrier: true }, {"expected": {"ja": "次に該当しないこと", "en": "none of"}, "whyNot": {"ja": "阻害要因に該当するため対象外です", "en": "Not eligible: barrier applies"}}],
      [Rule.isTrue(m("t", "意欲", "motivated"), "wants"), { wants: false }, {"expected": {"ja": "wants = はい", "en": "wants = yes"}, "observedText": {"ja": "wants: いいえ", "en": "wants: no"}, "whyNot": {"ja": "意欲：wantsが いいえ のため要件（wants = はい）を満たしていません", "en": "motivated: wants is no, required wants = yes"}}],
    ]
    for (const [rule, facts, texts] of rows) {
      const v = run(rule, facts)
      const c = v.clauses[0]!
      const said: Record<string, unknown> = { expected: c.expected }
      if (c.observedText !== undefined) said["observedText"] = c.observedText
      if (c.whyNot !== undefined) said["whyNot"] = c.whyNot
      expect(said, rule.id).toEqual(texts)
      expect(v.reasons, rule.id).toEqual(texts.whyNot === undefined ? [] : [texts.whyNot])
    }
  })
})

describe("Rule: inspection and populations, worked examples", () => {
  const m = (id: string) => ({ id, ja: id, en: id })

  it("factsOf lists each fact once, in reading order, member facts of count and aggregate clauses (and their where) as fact[].field", () => {
    const rule = Rule.all(m("r"), [
      Rule.isTrue(m("a"), "able"),
      Rule.count(m("k"), "household", { where: Rule.all(m("w"), [Rule.eq(m("rel"), "relation", "child"), Rule.count(m("kk"), "pets", { op: "gte", value: 1 })]), op: "gte", value: 1 }),
      Rule.aggregate(m("g"), "household", { fn: "sum", field: "income", where: Rule.gte(m("ad"), "age", 18), op: "lte", value: 100 }),
      Rule.asOfIn(m("p"), { from: AS_OF }),
      Rule.exists(m("again"), "able")
    ])
    expect(Rule.factsOf(rule)).toEqual(["able", "household", "household[].relation", "household[].pets", "household[].age", "household[].income"])
  })

  it("failsForEveryValue holds exactly for the leaves no value can pass", () => {
    const cases: ReadonlyArray<readonly [Rule.Rule, boolean]> = [
      [Rule.isIn(m("e"), "x", []), true],
      [Rule.isIn(m("e"), "x", [1]), false],
      [Rule.intersects(m("e"), "x", []), true],
      [Rule.containsAll(m("e"), "x", []), false],
      [Rule.between(m("e"), "x", 5, 1), true],
      [Rule.between(m("e"), "x", 1, 5), false],
      [Rule.age(m("e"), "x", { min: 30, max: 20 }), true],
      [Rule.count(m("e"), "h", { op: "lt", value: 0 }), true],
      [Rule.count(m("e"), "h", { op: "lte", value: 0 }), false],
      [Rule.count(m("e"), "h", { op: "lte", value: -1 }), true],
      [Rule.dateIn(m("e"), "x", { from: AS_OF, until: AS_OF }), true],
      [Rule.withinLast(m("e"), "x", 0), false],
      [Rule.withinLast(m("e"), "x", -1), true],
      [Rule.eq(m("e"), "x", 1), false]
    ]
    for (const [leaf, fails] of cases) expect(Rule.failsForEveryValue(leaf, AS_OF), JSON.stringify(leaf)).toBe(fails)
  })

  it("jsonSchema is a draft 2020-12 document titled for rule files", () => {
    const schema = Rule.jsonSchema()
    expect(Object.keys(schema)).toEqual(["$schema", "title", "$ref", "$defs"])
    expect(schema["$schema"]).toBe("https://json-schema.org/draft/2020-12/schema")
    expect(schema["title"]).toBe("jiritsu eligibility rule")
  })

  it("a population of columns without a length is as long as its longest column; a missing entry is unknown", () => {
    const able = Rule.isTrue(m("a"), "a")
    expect(Rule.evaluateMany(able, { columns: { a: [true], b: [1, 2, 3] } }, { asOf: AS_OF })).toEqual(["eligible", "undetermined", "undetermined"])
    expect(Rule.evaluateMany(able, { columns: {} }, { asOf: AS_OF })).toEqual([])
    const traced = Rule.evaluateMany(able, { columns: { a: [false, undefined, true] } }, { asOf: AS_OF, trace: true })
    expect(traced.outcomes).toEqual(["ineligible", "undetermined", "eligible"])
    expect(traced.verdict(2).clauses[0]).toMatchObject({ status: "passed", observed: true })
    expect(traced.verdict(1).missingFacts).toEqual(["a"])
  })

  it("a traced batch gives a verdict per person; asking for no person of the batch, or after its buffers were reused, throws; buffers must come from traceBuffers", () => {
    const rule = Rule.all(m("r"), [Rule.isTrue(m("a"), "a"), Rule.exists(m("b"), "b")])
    const buffers = Rule.traceBuffers()
    const first = Rule.evaluateMany(rule, [{ a: true, b: 1 }, { a: false }], { asOf: AS_OF, trace: true, buffers })
    expect(first.clauseCount).toBe(3)
    expect(first.verdict(1).outcome).toBe("ineligible")
    for (const i of [2, -1, 0.5]) expect(() => first.verdict(i)).toThrow(RangeError)
    expect(() => first.verdict(2)).toThrow("TraceBatch.verdict: no person 2 in a batch of 2")
    const second = Rule.evaluateMany(rule, [{}], { asOf: AS_OF, trace: true, buffers })
    expect(() => first.verdict(0)).toThrow("TraceBatch.verdict: this batch's TraceBuffers were reused by a later batch; take verdicts before the next batch")
    expect(second.verdict(0).outcome).toBe("undetermined")
    const unbuffered = Rule.evaluateMany(rule, [{ a: true, b: 1 }], { asOf: AS_OF, trace: true })
    Rule.evaluateMany(rule, [{}], { asOf: AS_OF, trace: true })
    expect(unbuffered.verdict(0).outcome).toBe("eligible")
    expect(() => Rule.evaluateMany(rule, [{}], { asOf: AS_OF, trace: true, buffers: {} as Rule.TraceBuffers })).toThrow("Rule.evaluateMany: `buffers` must come from Rule.traceBuffers()")
  })
})

// The guide's examples import "@jiritsu/core" as a user would; point that name at this package.
vi.mock("@jiritsu/core", async () => await import("../src/index.ts"))

const runExample = async (file: string): Promise<ReadonlyArray<string>> => {
  const lines: Array<string> = []
  const spy = vi.spyOn(console, "log").mockImplementation((...args: ReadonlyArray<unknown>) => {
    lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "))
  })
  try {
    await import(join(root, "docs/examples", file))
  } finally {
    spy.mockRestore()
  }
  return lines
}

describe("docs: writing eligibility rules", () => {
  const expected: Record<string, ReadonlyArray<string>> = {
    "eligibility-first-rule.ts": [
      "ineligible",
      "年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です",
      "hw_handoff:failed target_group:passed working_age:failed able_to_work:passed consent:passed",
      "jiritsu.trace/1 true"
    ],
    "eligibility-unknown.ts": ["undetermined", '["birth_date","wants_work"]', "birth_date", "ineligible []", "eligible"],
    "eligibility-overlay.ts": ["eligible", "ineligible", "eligible", "0"],
    "eligibility-ruleset.ts": ["住宅支援給付 ineligible", "before_first_version", "before_first_version", "0"],
    "eligibility-overrides.ts": ["ineligible", "eligible overridden 相談員 佐々木", "OverrideRefused hard_clause"],
    "eligibility-population.ts": [
      '["eligible","ineligible","undetermined"]',
      '["eligible","ineligible","undetermined"]',
      "3 [0,0,1]",
      "年齢 15 歳は就労可能年齢（18〜64歳）の範囲外です"
    ],
    "eligibility-boundary.ts": ['RuleDecodeError ["max"]', "true", "Success", '["asOf"]', "flowchart TD", '["eligible"]'],
    "eligibility-value-labels.ts": [
      "対象者区分（生活保護受給者）に生活保護の相談・申請段階の者が含まれていません",
      "就労阻害要因なし：介護・育児等の就労阻害要因が あり のため要件（介護・育児等の就労阻害要因 = なし）を満たしていません",
      "    ✗ 就労阻害要因なし — 介護・育児等の就労阻害要因: あり（要件: 介護・育児等の就労阻害要因 = なし）",
      '["target_groups","valueLabels","welfare_recepient"]'
    ]
  }
  const guide = readFileSync(join(root, "docs/guides/writing-eligibility-rules.md"), "utf8")

  it("quotes every example file verbatim", () => {
    for (const file of Object.keys(expected)) {
      const source = readFileSync(join(root, "docs/examples", file), "utf8")
      expect(guide, file).toContain(`<!-- docs/examples/${file} -->\n\`\`\`ts\n${source}\`\`\``)
    }
  })

  for (const [file, lines] of Object.entries(expected)) {
    it(`${file} prints what its comments say`, async () => {
      expect(await runExample(file)).toEqual(lines)
    })
  }
})

// ---------------------------------------------------------------------------------------------

const clauseMeta = (id: string): Rule.Meta => ({ id, ja: id, en: id })
const arbPair = fc.tuple(arbRule, arbRule).map(([a, b]) => [a, withIds(b)] as const)
const prefixed = (rule: Rule.Rule, prefix: string): Rule.Rule => JSON.parse(JSON.stringify(rule).replace(/"id":"c/g, `"id":"${prefix}c`))

/** Every all/any's children and every overlay's exceptions, shuffled by `seed`. */
const shuffle = (rule: Rule.Rule, seed: number): Rule.Rule => {
  let s = seed >>> 0
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0), s / 2 ** 32)
  const perm = <A>(xs: ReadonlyArray<A>): Array<A> => {
    const out = [...xs]
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1))
      ;[out[i], out[j]] = [out[j]!, out[i]!]
    }
    return out
  }
  const go = (node: Rule.Rule): Rule.Rule => {
    switch (node.kind) {
      case "all":
      case "any":
        return { ...node, children: perm(node.children.map(go)) }
      case "not":
        return { ...node, child: go(node.child) }
      case "overlay":
        return { ...node, base: go(node.base), exceptions: perm(node.exceptions.map((e) => ({ ...e, when: go(e.when) }))) }
      default:
        return node
    }
  }
  return go(rule)
}

/** Reverses the key order of every object (the JSON is the same data). */
const reorderKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reorderKeys)
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reorderKeys(v)]))
  }
  return value
}

/** Facts with about half the known ones dropped: more clauses unknown, more facts missing at once. */
const arbSparseFacts = fc.oneof(arbFacts, arbFacts.chain((f) => fc.subarray(Object.keys(f)).map((keep) => Object.fromEntries(keep.map((k) => [k, f[k]])))))

describe("properties", () => {
  it("De Morgan: not(all xs) = any(not x), not(any xs) = all(not x) (≥ 10 % of runs for each outcome of not(all xs))", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 3 }), arbFacts, arbAsOf, (xs, facts, asOf) => {
        cov.run()
        const children = xs.map((x, i) => prefixed(x, `k${i}`))
        const nots = children.map((c, i) => Rule.not(clauseMeta(`not${i}`), c))
        cov.hit(outcome(Rule.not(clauseMeta("n"), Rule.all(clauseMeta("a"), children)), facts, asOf))
        expect(outcome(Rule.not(clauseMeta("n"), Rule.all(clauseMeta("a"), children)), facts, asOf)).toBe(outcome(Rule.any(clauseMeta("o"), nots), facts, asOf))
        expect(outcome(Rule.not(clauseMeta("n"), Rule.any(clauseMeta("a"), children)), facts, asOf)).toBe(outcome(Rule.all(clauseMeta("o"), nots), facts, asOf))
      })
    )
    cov.check()
  })

  it("identities: all[] = true, any[] = false, singletons and double negation are the clause itself (≥ 10 % of runs for each outcome of the clause)", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (x, facts, asOf) => {
        cov.run()
        expect(outcome(Rule.all(clauseMeta("t"), []), facts, asOf)).toBe("eligible")
        expect(outcome(Rule.any(clauseMeta("f"), []), facts, asOf)).toBe("ineligible")
        const o = outcome(x, facts, asOf)
        cov.hit(o)
        expect(outcome(Rule.all(clauseMeta("a"), [x, Rule.all(clauseMeta("t"), [])]), facts, asOf)).toBe(o)
        expect(outcome(Rule.any(clauseMeta("a"), [x, Rule.any(clauseMeta("f"), [])]), facts, asOf)).toBe(o)
        expect(outcome(Rule.not(clauseMeta("n1"), Rule.not(clauseMeta("n2"), x)), facts, asOf)).toBe(o)
        expect(outcome(Rule.all(clauseMeta("a"), [x, Rule.any(clauseMeta("f"), [])]), facts, asOf)).toBe("ineligible")
        expect(outcome(Rule.any(clauseMeta("a"), [x, Rule.all(clauseMeta("t"), [])]), facts, asOf)).toBe("eligible")
      })
    )
    cov.check()
  })

  it("absorption: all(a, any(a, b)) = a and any(a, all(a, b)) = a under Kleene logic (≥ 10 % of runs for each outcome of a)", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    fc.assert(
      fc.property(arbPair, arbFacts, arbAsOf, ([a, b], facts, asOf) => {
        cov.run()
        const a2 = prefixed(a, "z")
        const bb = prefixed(b, "y")
        const o = outcome(a, facts, asOf)
        cov.hit(o)
        expect(outcome(Rule.all(clauseMeta("p"), [a, Rule.any(clauseMeta("q"), [a2, bb])]), facts, asOf)).toBe(o)
        expect(outcome(Rule.any(clauseMeta("p"), [a, Rule.all(clauseMeta("q"), [a2, bb])]), facts, asOf)).toBe(o)
      })
    )
    cov.check()
  })

  it("clause order (children and exceptions) does not change the outcome or the missing facts (≥ 6 % of runs with two missing facts or more, ≥ 30 % decided)", () => {
    const cov = coverage({ twoMissing: 0.06, decided: 0.3 })
    fc.assert(
      fc.property(arbRule, arbSparseFacts, arbAsOf, fc.integer(), (rule, facts, asOf, seed) => {
        cov.run()
        const a = run(rule, facts, asOf)
        const b = run(shuffle(rule, seed), facts, asOf)
        cov.hit("twoMissing", a.missingFacts.length >= 2)
        cov.hit("decided", a.outcome !== "undetermined")
        expect(b.outcome).toBe(a.outcome)
        expect([...b.missingFacts].sort()).toEqual([...a.missingFacts].sort())
      })
    )
    cov.check()
  })

  it("information monotonicity: adding facts never changes a decided outcome (≥ 30 % of runs decided before, ≥ 10 % decided only after)", () => {
    const cov = coverage({ decidedBefore: 0.3, decidedAfter: 0.1 })
    fc.assert(
      fc.property(
        arbRule,
        arbFacts.chain((f) => fc.tuple(fc.constant(f), arbExtension(f))),
        arbAsOf,
        (rule, [facts, more], asOf) => {
          cov.run()
          const before = outcome(rule, facts, asOf)
          const after = outcome(rule, more, asOf)
          cov.hit("decidedBefore", before !== "undetermined")
          cov.hit("decidedAfter", before === "undetermined" && after !== "undetermined")
          if (before !== "undetermined") expect(after).toBe(before)
        }
      )
    )
    cov.check()
  })

  it("the missing facts are sufficient: filling exactly them decides (≥ 20 % of runs undetermined, ≥ 5 % with two missing facts or more)", () => {
    const cov = coverage({ undetermined: 0.2, twoMissing: 0.05 })
    fc.assert(
      fc.property(
        arbRule,
        arbSparseFacts,
        arbAsOf,
        fc.integer(),
        (rule, facts, asOf, seed) => {
          cov.run()
          const v = run(rule, facts, asOf)
          if (v.outcome !== "undetermined") {
            expect(v.missingFacts).toEqual([])
            expect(v.nextQuestion).toBeUndefined()
            return
          }
          expect(v.missingFacts.length).toBeGreaterThan(0)
          cov.hit("undetermined")
          cov.hit("twoMissing", v.missingFacts.length >= 2)
          fc.assert(
            fc.property(arbFill(facts, v.missingFacts), (filled) => {
              expect(outcome(rule, filled, asOf)).not.toBe("undetermined")
            }),
            { numRuns: 3, seed }
          )
        }
      )
    )
    cov.check()
  })

  it("the missing facts are minimal per clause: each unknown clause lists only absent facts it reads (≥ 20 % of runs with an unknown clause; members' missing fields: the Household tests)", () => {
    const cov = coverage({ unknownClause: 0.2 })
    fc.assert(
      fc.property(arbRule, arbSparseFacts, arbAsOf, (rule, facts, asOf) => {
        cov.run()
        const v = run(rule, facts, asOf)
        const union = new Set<string>()
        for (const c of v.clauses) {
          if (c.missing === undefined) continue
          expect(c.status).toBe("unknown")
          cov.hit("unknownClause")
          for (const m of c.missing) {
            union.add(m)
            const member = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(m)
            if (member === null) {
              expect(m).toBe(c.fact)
              expect(facts[m]).toBeUndefined()
            } else {
              expect(member[1]).toBe(c.fact)
              const row = (facts[member[1]!] as Array<Record<string, unknown>>)[Number(member[2])]!
              expect(row[member[3]!]).toBeUndefined()
            }
          }
        }
        expect(new Set(v.missingFacts)).toEqual(union)
        expect(new Set(v.missingFacts).size).toBe(v.missingFacts.length)
      })
    )
    cov.check()
  })

  it("an overlay with no exceptions equals its base (≥ 10 % of runs for each outcome)", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (rule, facts, asOf) => {
        cov.run()
        const base = run(rule, facts, asOf)
        const over = run(Rule.overlay(clauseMeta("overlay"), rule, []), facts, asOf)
        cov.hit(base.outcome)
        expect(over.outcome).toBe(base.outcome)
        expect(over.missingFacts).toEqual(base.missingFacts)
        expect(over.reasons).toEqual(base.reasons)
      })
    )
    cov.check()
  })

  it("age clauses agree with Period.ageAt (≥ 8 % of runs in range, ≥ 20 % out of it, ≥ 4 % exactly on a bound)", () => {
    const cov = coverage({ inRange: 0.08, outOfRange: 0.2, onBound: 0.04 })
    fc.assert(
      fc.property(
        arbLocalDate,
        arbLocalDate,
        fc.oneof(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })), fc.tuple(fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 3 }))),
        fc.boolean(),
        (birth, asOf, [a, b], nearAge) => {
        cov.run()
        const age = Period.ageAt(birth, asOf)
        // Half the runs put the bounds around the person's age (a, b as offsets), so both bounds are met exactly.
        const [min, max] = nearAge ? [Math.max(0, age + a), Math.max(0, age + a) + b] : [a, b]
        cov.hit(age >= min && age <= max ? "inRange" : "outOfRange")
        cov.hit("onBound", age === min || age === max)
        const rule = Rule.age(clauseMeta("age"), "birth", { min, max })
        expect(outcome(rule, { birth }, asOf)).toBe(age >= min && age <= max ? "eligible" : "ineligible")
        }
      )
    )
    cov.check()
  })

  it("the hash is stable under JSON round-trip, key reordering and decoding (≥ 50 % of runs hash three clauses or more)", () => {
    const cov = coverage({ nested: 0.5 })
    fc.assert(
      fc.property(arbRule, (rule) => {
        cov.run()
        cov.hit("nested", Rule.clauses(rule).length >= 3)
        const h = Rule.hash(rule)
        const roundTrip = JSON.parse(JSON.stringify(rule)) as Rule.Rule
        expect(Rule.hash(roundTrip)).toBe(h)
        expect(Rule.hash(reorderKeys(rule) as Rule.Rule)).toBe(h)
        const decoded = Rule.decode(JSON.parse(JSON.stringify(reorderKeys(rule))))
        expect(Result.isSuccess(decoded) && Rule.hash(decoded.success)).toBe(h)
      })
    )
    cov.check()
  })

  it("evaluateMany ≡ evaluate element-wise (records, columns, with trace) (≥ 30 % of runs with three people or more, ≥ 20 % with different outcomes among them)", () => {
    const cov = coverage({ population: 0.3, mixed: 0.2 })
    fc.assert(
      fc.property(arbRule, fc.array(arbFacts, { maxLength: 6 }), arbAsOf, (rule, population, asOf) => {
        cov.run()
        const expected = population.map((facts) => run(rule, facts, asOf))
        cov.hit("population", population.length >= 3)
        cov.hit("mixed", new Set(expected.map((v) => v.outcome)).size > 1)
        expect(Rule.evaluateMany(rule, population, { asOf })).toEqual(expected.map((v) => v.outcome))
        const columns = Object.fromEntries(ALL_FACTS.map((f) => [f, population.map((p) => p[f])]))
        expect(Rule.evaluateMany(rule, { columns, length: population.length }, { asOf })).toEqual(expected.map((v) => v.outcome))
        const traced = Rule.evaluateMany(rule, population, { asOf, trace: true })
        expect(traced.outcomes).toEqual(expected.map((v) => v.outcome))
        population.forEach((_, i) => expect(traced.verdict(i)).toEqual(expected[i]))
        const compiled = Rule.compile(rule, asOf)
        expect(population.map(compiled)).toEqual(expected.map((v) => v.outcome))
      })
    )
    cov.check()
  })

  it("every verdict is a valid jiritsu.trace/1 document after a JSON round-trip (≥ 10 % of runs for each outcome)", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (rule, facts, asOf) => {
        cov.run()
        const v = run(rule, facts, asOf)
        cov.hit(v.outcome)
        const back = Verdict.decode(JSON.parse(JSON.stringify(v)))
        expect(Result.isSuccess(back)).toBe(true)
      })
    )
    cov.check()
  })

  it("lazy text is eager text: a verdict whose sentences render on first read is the eager verdict, JSON byte for byte, and a copy of it is plain data (≥ 10 % of runs for each outcome)", () => {
    const cov = coverage({ eligible: 0.1, ineligible: 0.1, undetermined: 0.1 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (rule, facts, asOf) => {
        cov.run()
        const lazy = Result.getOrThrow(Rule.evaluate(rule, { asOf, facts }))
        const eager = Result.getOrThrow(Rule.evaluate(JSON.parse(JSON.stringify(rule)), { asOf, facts }, { text: "eager" }))
        cov.hit(eager.outcome)
        expect(Object.keys(lazy)).toEqual(Object.keys(eager))
        expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager))
        expect({ ...lazy }).toEqual(eager)
      })
    )
    cov.check()
  })

  it("given a lazy verdict, assigning its clauses or reasons keeps the value assigned, and a frozen one refuses the assignment", () => {
    const rule = Rule.all(meta("lz", "要件", "requirements"), [Rule.isTrue(meta("lz_a", "a", "a"), "a")])
    const v = run(rule, { a: false })
    const reasons = [{ ja: "理由", en: "reason" }]
    ;(v as { reasons: unknown }).reasons = reasons
    expect(v.reasons).toBe(reasons)
    ;(v as { clauses: unknown }).clauses = []
    expect(v.clauses).toEqual([])
    const frozen = Object.freeze(run(rule, { a: false }))
    expect(() => {
      ;(frozen as { clauses: unknown }).clauses = []
    }).toThrow("Cannot assign to read only property 'clauses' of a frozen verdict")
    expect(() => {
      ;(frozen as { reasons: unknown }).reasons = []
    }).toThrow("Cannot assign to read only property 'reasons' of a frozen verdict")
    expect(frozen.reasons).toEqual([{ ja: "a：aが いいえ のため要件（a = はい）を満たしていません", en: "a: a is no, required a = yes" }])
  })

  it("malformed rule documents give typed errors naming the path, never a throw (≥ 30 % of runs break a field three levels deep or more)", () => {
    const cov = coverage({ deep: 0.3 })
    fc.assert(
      fc.property(arbMalformedRule, ({ doc, path }) => {
        cov.run()
        cov.hit("deep", path.length >= 3)
        const r = Rule.decode(doc)
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) {
          expect(r.failure._tag).toBe("RuleDecodeError")
          expect(r.failure.issues.length).toBeGreaterThan(0)
          // The issue names the bad field itself, something inside it, or the clause that holds it.
          const names = (i: { readonly path: ReadonlyArray<string | number> }) =>
            (i.path.length <= path.length && i.path.every((p, k) => p === path[k]) && path.length - i.path.length <= 1) ||
            (i.path.length >= path.length && path.every((p, k) => p === i.path[k]))
          expect(r.failure.issues.some(names)).toBe(true)
          expect(r.failure.issues.every((i) => i.message.length > 0 && !i.message.includes("[object Object]"))).toBe(true)
        }
      })
    )
    cov.check()
  })

  it("malformed input (asOf, facts, overrides) gives typed errors with paths, never a throw (≥ 20 % of runs give junk objects)", () => {
    const cov = coverage({ junkObject: 0.2 })
    const arbBadValue = fc.oneof(fc.constant({}), fc.constant([{ a: {} }]), fc.constant(Number.POSITIVE_INFINITY), fc.constant([[1]]), fc.constant(undefined as unknown))
    fc.assert(
      fc.property(arbFacts, fc.constantFrom(...ALL_FACTS), arbBadValue, fc.anything(), (facts, fact, bad, junk) => {
        cov.run()
        cov.hit("junkObject", typeof junk === "object" && junk !== null)
        const r = Rule.evaluateUnknown(handoff, { asOf: "2025-06-01", facts: { ...facts, [fact]: bad } })
        expect(Result.isFailure(r) && r.failure._tag).toBe("InputDecodeError")
        if (Result.isFailure(r) && r.failure._tag === "InputDecodeError") {
          expect(r.failure.issues.some((i) => i.path[0] === "facts" && i.path[1] === fact)).toBe(true)
        }
        // Arbitrary junk (never an input with a valid asOf) never throws: it is refused with named issues.
        const j = Rule.evaluateUnknown(handoff, junk)
        expect(Result.isFailure(j) && j.failure._tag).toBe("InputDecodeError")
        if (Result.isFailure(j) && j.failure._tag === "InputDecodeError") expect(j.failure.issues.every((i) => i.message.length > 0)).toBe(true)
      })
    )
    cov.check()
  })

  it("check is sound: contradictory clauses never pass; removing a clause that never matters changes nothing (≥ 4 % of runs find a clause that never matters; contradictions are rare here, the check tests have them)", () => {
    const cov = coverage({ neverMatters: 0.04 })
    const without = (parent: Rule.Rule, childId: string): Rule.Rule =>
      parent.kind === "all" || parent.kind === "any"
        ? { ...parent, children: parent.children.filter((c) => c.id !== childId) }
        : parent.kind === "overlay"
          ? { ...parent, exceptions: parent.exceptions.filter((e) => e.id !== childId) }
          : parent
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (rule, facts, asOf) => {
        cov.run()
        const byId = new Map(Rule.clauses(rule).map((c) => [c.id, c] as const))
        for (const f of Rule.check(rule)) {
          cov.hit("neverMatters", f._tag === "ClauseNeverMatters")
          if (f._tag === "ContradictoryClauses") {
            expect(outcome(byId.get(f.clauseId) as Rule.Rule, facts, asOf)).not.toBe("eligible")
          }
          if (f._tag === "ClauseNeverMatters") {
            const parent = byId.get(f.parentId) as Rule.Rule
            expect(outcome(without(parent, f.clauseId), facts, asOf)).toBe(outcome(parent, facts, asOf))
          }
        }
      })
    )
    cov.check()
  })

  it("facts checked against declarations give typed errors naming the fact (and the element) (≥ 10 % of runs for each type)", () => {
    const cov = coverage({ flag: 0.1, count: 0.1, name: 0.1, born: 0.1, groups: 0.1, household: 0.1 })
    const specs: Fact.FactSpecs = {
      flag: { type: "boolean", labels: { ja: "f", en: "f" } },
      count: { type: "number", labels: { ja: "c", en: "c" } },
      name: { type: "string", labels: { ja: "n", en: "n" } },
      born: { type: "date", labels: { ja: "b", en: "b" } },
      groups: { type: "strings", labels: { ja: "g", en: "g" }, values: ["p", "q"] },
      household: { type: "members", labels: { ja: "h", en: "h" } }
    }
    const wrongFor: Record<string, fc.Arbitrary<unknown>> = {
      flag: fc.oneof(fc.integer(), fc.string()),
      count: fc.oneof(fc.boolean(), fc.string()),
      name: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { minLength: 1 })),
      born: fc.oneof(fc.integer(), fc.constantFrom("2013-02-30", "2013/04/01", "")),
      groups: fc.oneof(fc.string(), fc.array(fc.constantFrom("x", "y"), { minLength: 1 })),
      household: fc.oneof(fc.string(), fc.array(fc.integer(), { minLength: 1 }))
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(specs)).chain((name) => fc.tuple(fc.constant(name), wrongFor[name]!)),
        ([name, value]) => {
          cov.run()
          cov.hit(name as "flag")
          const r = Fact.decodeFacts({ [name]: value }, specs)
          expect(Result.isFailure(r)).toBe(true)
          if (Result.isFailure(r)) {
            expect(r.failure._tag).toBe("FactsDecodeError")
            expect(r.failure.issues.every((i) => i.path[0] === name)).toBe(true)
          }
          expect(Result.isSuccess(Fact.decodeFacts({ [name]: null }, specs))).toBe(true)
        }
      )
    )
    cov.check()
  })

  it("a constant finding is sound: the clause really has that value for every input (≥ 2 % of runs find a constant clause)", () => {
    const cov = coverage({ constant: 0.02 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, (rule, facts, asOf) => {
        cov.run()
        for (const f of Rule.check(rule)) {
          if (f._tag !== "ConstantClause") continue
          cov.hit("constant")
          const clause = Rule.clauses(rule).find((c) => c.id === f.clauseId)
          if (clause === undefined || clause.kind === "exception") continue
          expect(outcome(clause, facts, asOf)).toBe(f.value ? "eligible" : "ineligible")
        }
      })
    )
    cov.check()
  })
})
