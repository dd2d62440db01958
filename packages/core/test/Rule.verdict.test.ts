// How a trace run becomes a verdict (判定結果, jiritsu.trace/1), and how rule documents and
// evaluation input are refused at the boundary: the exact trace entries, sentences, questions and
// decoding messages. Every rule here is built fresh by a function, so that no earlier test has
// filled the per-rule caches (clause statics, renderers) before the test that reads them.
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Period, Rule, Verdict } from "@jiritsu/core"
// `isLazy` is not part of the public API: it is the only way to see which text is still unrendered.
import { isLazy } from "../src/internal/ruleVerdict.ts"

const d = Period.unsafeDate
const AS_OF = d("2025-06-01")

const meta = (id: string, ja: string, en: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja, en, ...extra })

const evaluate = (rule: Rule.Rule, facts: Record<string, unknown>, options: Rule.EvaluateOptions = {}, overrides: ReadonlyArray<Verdict.Override> = [], asOf: Period.LocalDate = AS_OF): Verdict.Verdict =>
  Result.getOrThrow(Rule.evaluate(rule, { asOf, facts, overrides }, options))

const entry = (v: Verdict.Verdict, id: string): Verdict.ClauseTrace => {
  const found = v.clauses.find((c) => c.id === id)
  if (found === undefined) throw new Error(`no clause ${id}`)
  return found
}

// ---------------------------------------------------------------------------------------------
// Ages (年齢) in the trace
// ---------------------------------------------------------------------------------------------

/** What the trace of an age clause shows as observed for a birth date: the age, or the raw value when it is no calendar date. */
const observedAge = (birth: unknown, asOf: Period.LocalDate = AS_OF): unknown =>
  evaluate(Rule.age(meta("age", "年齢", "age"), "birth_date", { min: 0 }), { birth_date: birth }, {}, [], asOf).clauses[0]!.observed

describe("Rule.verdict: the observed age of an age clause (年齢)", () => {
  it("given a calendar date of birth, the trace shows the age in whole years, one more on the anniversary", () => {
    expect(observedAge("2000-06-15", d("2025-06-14"))).toBe(24)
    expect(observedAge("2000-06-15", d("2025-06-15"))).toBe(25)
    expect(observedAge("1873-01-01", d("2025-06-01"))).toBe(152)
    expect(observedAge("9999-01-01", d("9999-12-31"))).toBe(0)
  })

  it("given days at the ends of months and 29 February in leap years (every 4th, not every 100th, every 400th), the value is a date", () => {
    const dates = ["2000-01-31", "2001-01-30", "2004-01-31", "2000-12-01", "2000-12-31", "2004-02-29", "2000-02-29", "2001-04-30"]
    for (const birth of dates) expect(typeof observedAge(birth, d("9999-12-31")), birth).toBe("number")
  })

  it("given a value that is no calendar date (years 1873–9999, months 1–12, real days, YYYY-MM-DD), the trace shows the value as given", () => {
    const notDates: ReadonlyArray<unknown> = [
      "1872-12-31",
      "2000-00-10",
      "2000-13-01",
      "2000-01-00",
      "2001-04-31",
      "2001-02-29",
      "1900-02-29",
      "2100-02-29",
      "2000/01-01",
      "2000-01/01",
      "2000-01-011",
      "2000-1-01",
      "2000-01-1/",
      "2000-01-0:",
      "20x0-01-01",
      19800501
    ]
    for (const birth of notDates) expect(observedAge(birth), String(birth)).toBe(birth)
  })

  it("given a date on a clause that is not an age clause, the trace shows the date, not an age", () => {
    const applied = Rule.dateIn(meta("applied", "申請日", "applied"), "applied_on", { from: d("2013-04-01") })
    expect(evaluate(applied, { applied_on: "2014-01-01" }).clauses[0]!.observed).toBe("2014-01-01")
  })
})

// ---------------------------------------------------------------------------------------------
// Trace entries
// ---------------------------------------------------------------------------------------------

/** 一体的実施 hand-off with a soft clause, a missing fact, an overlay with an exclusion and an age. */
const handoff = (): Rule.Rule =>
  Rule.all(meta("root", "支援要件", "requirements"), [
    Rule.isTrue(meta("motivation", "就労意欲", "wish to work", { soft: true, citation: { source: "P7", section: "意欲" } }), "wants_work"),
    Rule.exists(meta("consent", "同意書", "consent on file"), "consent_id"),
    Rule.overlay(meta("city", "市独自", "city variant"), Rule.dateIn(meta("applied", "申請日", "applied"), "applied_on", { from: d("2013-04-01") }), [
      Rule.exclude(meta("student", "学生を除外", "exclude students"), Rule.isTrue(meta("in_school", "在学中", "in school"), "hs_student"))
    ]),
    Rule.age(meta("adult", "成年", "adult"), "birth_date", { min: 18 })
  ])

const facts = { wants_work: false, applied_on: "2014-01-01", hs_student: false, birth_date: "2000-01-01" }

describe("Rule.verdict: one trace entry per clause", () => {
  it("given a failed rule, each entry carries exactly the fields that apply to it: parent, citation, soft, fact, observed value, why-not", () => {
    const v = evaluate(handoff(), facts)
    expect(v.outcome).toBe("ineligible")
    expect(v.clauses.map((c) => [c.id, c.status, c.depth, c.parent, Object.keys(c)])).toEqual([
      ["root", "failed", 0, undefined, ["id", "kind", "depth", "status", "labels", "expected", "whyNot"]],
      ["motivation", "failed", 1, "root", ["id", "kind", "depth", "status", "labels", "expected", "parent", "citation", "soft", "fact", "observed", "observedText", "whyNot"]],
      ["consent", "unknown", 1, "root", ["id", "kind", "depth", "status", "labels", "expected", "parent", "fact"]],
      ["city", "passed", 1, "root", ["id", "kind", "depth", "status", "labels", "expected", "parent"]],
      ["applied", "passed", 2, "city", ["id", "kind", "depth", "status", "labels", "expected", "parent", "fact", "observed", "observedText"]],
      // An exception that does not apply has failed, but says no why-not: it never fails the rule itself.
      ["student", "failed", 2, "city", ["id", "kind", "depth", "status", "labels", "expected", "parent"]],
      ["in_school", "failed", 3, "student", ["id", "kind", "depth", "status", "labels", "expected", "parent", "fact", "observed", "observedText", "whyNot"]],
      ["adult", "passed", 1, "root", ["id", "kind", "depth", "status", "labels", "expected", "parent", "fact", "observed", "observedText"]]
    ])
    expect(entry(v, "motivation")).toMatchObject({ soft: true, citation: { source: "P7", section: "意欲" }, fact: "wants_work", observed: false })
    expect(entry(v, "adult")).toMatchObject({ observed: 25, observedText: { ja: "年齢 25歳", en: "age 25" } })
  })

  it("given an override of the soft clause, its entry is overridden with the reason, and the unknown clause lists the fact it needs", () => {
    const v = evaluate(handoff(), facts, {}, [{ clauseId: "motivation", reason: "面談で意欲を確認", actor: "cw-07" }])
    expect(v.outcome).toBe("undetermined")
    expect(entry(v, "motivation")).toMatchObject({ status: "overridden", soft: true, override: { reason: "面談で意欲を確認", actor: "cw-07" } })
    expect(Object.keys(entry(v, "consent"))).toEqual(["id", "kind", "depth", "status", "labels", "expected", "parent", "fact", "missing"])
    expect(entry(v, "consent").missing).toEqual(["consent_id"])
    expect(v.clauses.filter((c) => c.missing !== undefined).map((c) => c.id)).toEqual(["consent"])
  })

  it("given an exception object that claims to be soft, its entry is not soft: exceptions are never soft (only clauses are おおむね)", () => {
    const when = Rule.isTrue(meta("in_school", "在学中", "in school"), "hs_student")
    const exception = { ...Rule.exclude(meta("student", "学生を除外", "exclude students"), when), soft: true } as unknown as Rule.Exception
    const rule = Rule.overlay(meta("city", "市独自", "city variant"), Rule.exists(meta("consent", "同意書", "consent"), "consent_id"), [exception])
    expect(entry(evaluate(rule, { hs_student: true, consent_id: "c" }), "student").soft).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------
// Reasons (理由)
// ---------------------------------------------------------------------------------------------

describe("Rule.verdict: why not, and what is still needed", () => {
  it("given a failed all, the reasons are those of its failing children, not the all's own sentence", () => {
    const rule = Rule.all(meta("req", "要件", "requirements"), [Rule.isTrue(meta("able", "稼働能力", "able to work"), "able"), Rule.isTrue(meta("wish", "意欲", "motivated"), "wants")])
    expect(evaluate(rule, { able: true, wants: false }).reasons).toEqual([{ ja: "意欲：wantsが いいえ のため要件（wants = はい）を満たしていません", en: "motivated: wants is no, required wants = yes" }])
  })

  it("given a failed any, the reasons are those of each of its failing children", () => {
    const rule = Rule.any(meta("target", "対象者区分", "target group"), [Rule.isTrue(meta("welfare", "生活保護受給者", "welfare recipient"), "welfare"), Rule.isTrue(meta("single", "ひとり親", "single parent"), "single_parent")])
    expect(evaluate(rule, { welfare: false, single_parent: false }).reasons).toEqual([
      { ja: "生活保護受給者：welfareが いいえ のため要件（welfare = はい）を満たしていません", en: "welfare recipient: welfare is no, required welfare = yes" },
      { ja: "ひとり親：single_parentが いいえ のため要件（single_parent = はい）を満たしていません", en: "single parent: single_parent is no, required single_parent = yes" }
    ])
  })

  it("given an any with no clauses, it fails with its own sentence", () => {
    const rule = Rule.any(meta("target", "対象者区分", "target group"), [])
    expect(evaluate(rule, {}).reasons).toEqual([{ ja: "対象者区分の要件を満たしていません", en: "target group is not met" }])
  })

  it("given an overlay whose exception does not apply, the reasons are those of its base", () => {
    const base = Rule.isTrue(meta("able", "稼働能力", "able to work"), "able")
    const rule = Rule.overlay(meta("city", "市独自", "city variant"), base, [Rule.exclude(meta("student", "学生", "student"), Rule.isTrue(meta("in_school", "在学中", "in school"), "hs_student"))])
    expect(evaluate(rule, { able: false, hs_student: false }).reasons).toEqual([{ ja: "稼働能力：ableが いいえ のため要件（able = はい）を満たしていません", en: "able to work: able is no, required able = yes" }])
  })

  it("given an undetermined overlay, the pending sentences follow rule order (base before exceptions), and the question is asked at a clause", () => {
    const rule = Rule.overlay(meta("city", "市独自", "city variant"), Rule.exists(meta("consent", "同意書", "consent"), "consent_id"), [
      Rule.include(meta("youth", "若者", "youth"), Rule.exists(meta("youth_card", "若者手帳", "youth card"), "youth_card_id"), 1)
    ])
    const v = evaluate(rule, {})
    expect(v.reasons).toEqual([
      { ja: "同意書を判定するには「consent_id」の確認が必要です", en: "To decide consent, ask for: consent_id" },
      { ja: "若者手帳を判定するには「youth_card_id」の確認が必要です", en: "To decide youth card, ask for: youth_card_id" }
    ])
    expect(new Set(v.missingFacts)).toEqual(new Set(["consent_id", "youth_card_id"]))
  })

  // Found by mutation testing: the question named the first clause needing any fact (the base's)
  // while asking for the first fact asked (the exception's, consulted first).
  it("given an undetermined overlay, the next question names a clause that needs the fact it asks for", () => {
    const rule = Rule.overlay(meta("city", "市独自", "city variant"), Rule.exists(meta("consent", "同意書", "consent"), "consent_id"), [
      Rule.include(meta("youth", "若者", "youth"), Rule.exists(meta("youth_card", "若者手帳", "youth card"), "youth_card_id"), 1)
    ])
    const v = evaluate(rule, {})
    const q = v.nextQuestion!
    expect(entry(v, q.clauseId).missing).toContain(q.fact)
  })

  it("given a single clause that needs a fact, the next question asks for it at that clause", () => {
    const v = evaluate(Rule.exists(meta("consent", "同意書", "consent"), "consent_id"), {})
    expect(v.nextQuestion).toEqual({ fact: "consent_id", clauseId: "consent", labels: { ja: "consent_idを確認してください", en: "Ask for consent_id" } })
  })
})

// ---------------------------------------------------------------------------------------------
// The document: eager and lazy
// ---------------------------------------------------------------------------------------------

describe("Rule.verdict: rule set, warnings, lazy text", () => {
  const ruleSet: Verdict.VersionRef = { id: "housing", version: "2025", effective: { from: d("2025-04-01") } }
  const warnings: ReadonlyArray<Verdict.VerdictWarning> = [{ code: "past_last_version", message: { ja: "最終版の後です", en: "after the last version" } }]

  it("given a rule set and warnings, an eager and a lazy verdict both carry them", () => {
    for (const text of ["eager", "lazy"] as const) {
      const v = evaluate(Rule.isTrue(meta("able", "稼働能力", "able"), "able"), { able: true }, { text, ruleSet, warnings })
      expect(v.ruleSet, text).toEqual(ruleSet)
      expect(v.warnings, text).toEqual(warnings)
    }
  })

  it("given an eligible lazy verdict, its reasons are plain data from the start: there is nothing to render", () => {
    const v = evaluate(Rule.isTrue(meta("able", "稼働能力", "able"), "able"), { able: true })
    expect(Object.getOwnPropertyDescriptor(v, "reasons")).toMatchObject({ value: [], enumerable: true })
    expect(Object.getOwnPropertyDescriptor(v, "clauses")?.get).toBeTypeOf("function")
  })

  it("a lazy verdict is lazy until every text it has is read: clauses, and reasons unless eligible", () => {
    const rule = () => Rule.isTrue(meta("able", "稼働能力", "able"), "able")
    const failed = evaluate(rule(), { able: false })
    expect(isLazy(failed)).toBe(true)
    void failed.clauses
    expect(isLazy(failed)).toBe(true)
    void failed.reasons
    expect(isLazy(failed)).toBe(false)
    const reasonsFirst = evaluate(rule(), { able: false })
    void reasonsFirst.reasons
    expect(isLazy(reasonsFirst)).toBe(true)
    const eligible = evaluate(rule(), { able: true })
    expect(isLazy(eligible)).toBe(true)
    void eligible.clauses
    expect(isLazy(eligible)).toBe(false)
    expect(isLazy(evaluate(rule(), { able: false }, { text: "eager" }))).toBe(false)
  })

  it("materialize gives a lazy verdict as a new plain object with the same content, and an eager one as itself", () => {
    const lazy = evaluate(Rule.isTrue(meta("able", "稼働能力", "able"), "able"), { able: false })
    const plain = Verdict.materialize(lazy)
    expect(plain).not.toBe(lazy)
    expect(Object.values(Object.getOwnPropertyDescriptors(plain)).every((p) => "value" in p)).toBe(true)
    expect(JSON.stringify(plain)).toBe(JSON.stringify(lazy))
    const eager = evaluate(Rule.isTrue(meta("able", "稼働能力", "able"), "able"), { able: false }, { text: "eager" })
    expect(Verdict.materialize(eager)).toBe(eager)
  })
})

// ---------------------------------------------------------------------------------------------
// Decoding rule documents and input
// ---------------------------------------------------------------------------------------------

type Issue = { readonly path: ReadonlyArray<string | number>; readonly message: string }
const issuesOfRule = (doc: unknown): ReadonlyArray<Issue> | "decoded" => {
  const r = Rule.decode(doc)
  return Result.isFailure(r) ? r.failure.issues : "decoded"
}
const issuesOfInput = (input: unknown): ReadonlyArray<Issue> | "decoded" => {
  const r = Rule.decodeInput(input)
  return Result.isFailure(r) ? r.failure.issues : "decoded"
}

const L = { ja: "x", en: "x" }
const compare = (extra: object) => ({ kind: "compare", id: "c", labels: L, fact: "f", op: "eq", value: 1, ...extra })
const KINDS = "all, any, not, overlay, compare, in, between, exists, age, dateIn, withinLast, asOfIn, intersects, containsAll, count, aggregate"
const FACT_VALUE = "Expected string | number | boolean | null | array, got an object"

describe("Rule.verdict: decoding messages name what was found", () => {
  it("given a malformed rule document, each issue says what was expected and describes what was found", () => {
    const long = "k".repeat(45)
    const cases: ReadonlyArray<readonly [unknown, ReadonlyArray<Issue>]> = [
      [{ kind: undefined, id: "x", labels: L }, [{ path: ["kind"], message: `unknown clause kind nothing; expected one of ${KINDS}` }]],
      [{ kind: undefined, "": 1, id: "x", labels: L }, [{ path: ["kind"], message: `unknown clause kind nothing; expected one of ${KINDS}` }]],
      // The unknown kind is quoted whole, as written (not shortened like other values).
      [{ kind: long, id: "x", labels: L }, [{ path: ["kind"], message: `unknown clause kind "${long}"; expected one of ${KINDS}` }]],
      [{ kind: "all", id: "a", labels: L, children: [{ kind: "bogus", id: "b", labels: L }] }, [{ path: ["children", 0, "kind"], message: `unknown clause kind "bogus"; expected one of ${KINDS}` }]],
      [{ kind: "not", id: "n", labels: L, child: { "": 1, id: "x" } }, [{ path: ["child", "kind"], message: `Missing key: a clause needs a kind, one of ${KINDS}` }]],
      [compare({ labels: "b".repeat(40) }), [{ path: ["labels"], message: `Expected object, got "${"b".repeat(40)}"` }]],
      [compare({ value: 10n }), [{ path: ["value"], message: "Expected a string, a finite number or a boolean, got 10" }]],
      [compare({ value: NaN }), [{ path: ["value"], message: "Expected a finite number, got NaN" }]],
      [compare({ fact: Infinity }), [{ path: ["fact"], message: "Expected string, got Infinity" }]],
      [compare({ fact: undefined }), [{ path: ["fact"], message: "Expected string" }]],
      // A failed check says what it expects, as Effect words it.
      [compare({ citation: { source: "" } }), [{ path: ["citation", "source"], message: 'Expected a value with a length of at least 1, got ""' }]],
      [{ kind: "age", id: "a", labels: L, fact: "b", min: 1.5 }, [{ path: ["min"], message: "Expected an integer, got 1.5" }]],
      // Both checks of an age bound (a number, an integer) refuse NaN: said once.
      [{ kind: "age", id: "a", labels: L, fact: "b", min: NaN }, [{ path: ["min"], message: "Expected a finite number, got NaN" }]],
      // Two unknown keys of one clause: two issues at one path, neither merged into the other.
      [{ kind: "age", id: "a", labels: L, fact: "b", mni: 18, mxa: 64 }, [{ path: [], message: 'unknown key "mni" (did you mean "min"?)' }, { path: [], message: 'unknown key "mxa" (did you mean "max"?)' }]],
      [{ kind: "in", id: "i", labels: L, fact: "f", values: [1, undefined] }, [{ path: ["values", 1], message: "Expected a string, a finite number or a boolean, got nothing" }]]
    ]
    for (const [doc, issues] of cases) expect(issuesOfRule(doc), JSON.stringify(doc, (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toEqual(issues)
  })

  it("given alternatives of a union that fail on the same value, one issue names them all; issues at different paths stay apart", () => {
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { n: [[1]] } })).toEqual([{ path: ["facts", "n", 0], message: "Expected string | number | boolean or object, got a list of 1" }])
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { n: [Infinity] } })).toEqual([{ path: ["facts", "n", 0], message: "Expected a finite number or object, got Infinity" }])
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { n: [NaN, "x"] } })).toEqual([
      { path: ["facts", "n", 0], message: "Expected a finite number or object, got NaN" },
      { path: ["facts", "n", 1], message: 'Expected object, got "x"' }
    ])
    // Two elements with the same bad value: each is told what it should be, neither absorbs the other.
    const twoElements = issuesOfInput({ asOf: "2025-01-01", facts: { n: [NaN, NaN] } })
    expect(twoElements === "decoded" ? [] : [...twoElements].map((i) => `${i.path.join(".")}: ${i.message}`).sort()).toEqual([
      "facts.n.0: Expected a finite number, got NaN",
      "facts.n.0: Expected object, got NaN",
      "facts.n.1: Expected a finite number, got NaN",
      "facts.n.1: Expected object, got NaN"
    ])
    // A list element that is missing altogether: reported at the element, never a throw.
    const missing = issuesOfInput({ asOf: "2025-01-01", facts: { n: [undefined] } })
    expect(missing === "decoded" ? [] : missing.map((i) => i.path)).toEqual([["facts", "n", 0], ["facts", "n", 0]])
    // facts.n1 and facts.n[1]: the same message at two paths whose keys would read alike run together.
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { n1: Infinity, n: [1, Infinity] } })).toEqual([
      { path: ["facts", "n1"], message: "Expected a finite number, got Infinity" },
      { path: ["facts", "n", 1], message: "Expected a finite number, got Infinity" },
      { path: ["facts", "n", 0], message: "Expected object, got 1" },
      { path: ["facts", "n", 1], message: "Expected object, got Infinity" }
    ])
  })

  it("given a fact whose value is an object, the message is the facts' own, also for facts named like the fields of a rule's exceptions or kinds", () => {
    for (const name of ["a", "exceptions", "kind", "labels"]) {
      expect(issuesOfInput({ asOf: "2025-01-01", facts: { [name]: {} } }), name).toEqual([{ path: ["facts", name], message: FACT_VALUE }])
    }
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { exceptions: { kind: "x" } } })).toEqual([{ path: ["facts", "exceptions"], message: FACT_VALUE }])
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { exceptions: [{ kind: "x", y: {} }] } })).toEqual([
      { path: ["facts", "exceptions", 0], message: "Expected string | number | boolean, got an object" },
      { path: ["facts", "exceptions", 0, "y"], message: FACT_VALUE }
    ])
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { base: { kind: "all" } } })).toEqual([{ path: ["facts", "base"], message: FACT_VALUE }])
  })

  // Found by mutation testing: the rule documents' wording for unions reached evaluation input
  // (Rule.decodeInput shared the rules' decoder): a fact named like a clause field (child, where)
  // or a compared value (value, min) was told "a clause needs a kind" or "a string, a finite number
  // or a boolean", and an object fact with a `kind` key "unknown clause kind".
  it("given a fact named like a clause or value field of a rule, the message is still the facts' own", () => {
    for (const name of ["where", "child", "value", "min"]) {
      expect(issuesOfInput({ asOf: "2025-01-01", facts: { [name]: {} } }), name).toEqual([{ path: ["facts", name], message: FACT_VALUE }])
    }
  })
  it("given an object fact with a kind key, the message is still the facts' own", () => {
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { a: { kind: "x" } } })).toEqual([{ path: ["facts", "a"], message: FACT_VALUE }])
  })
  it("given a list fact named like a rule's clause lists (children, exceptions), its elements are described as facts, not clauses", () => {
    expect(issuesOfInput({ asOf: "2025-01-01", facts: { exceptions: [[1]] } })).toEqual([{ path: ["facts", "exceptions", 0], message: "Expected string | number | boolean or object, got a list of 1" }])
  })
})

describe("Rule.verdict: ids, fact names and dates in rule documents", () => {
  it("given a clause id or fact name outside its alphabet, or a date that is no calendar date, decoding names the field and the rule", () => {
    const cases: ReadonlyArray<readonly [unknown, ReadonlyArray<Issue> | "decoded"]> = [
      [compare({ id: "a b" }), [{ path: ["id"], message: "expected a clause id of letters, digits, _ . : -" }]],
      [compare({ id: "a.b:c-d_1" }), "decoded"],
      [compare({ fact: "1x" }), [{ path: ["fact"], message: "expected a fact name of letters, digits and _" }]],
      [compare({ fact: "a-b" }), [{ path: ["fact"], message: "expected a fact name of letters, digits and _" }]],
      [compare({ fact: "_a1" }), "decoded"],
      [{ kind: "dateIn", id: "d", labels: L, fact: "f", from: "2020-02-30" }, [{ path: ["from"], message: 'expected a calendar date YYYY-MM-DD, got "2020-02-30"' }]],
      [{ kind: "dateIn", id: "d", labels: L, fact: "f", from: "2020-02-29" }, "decoded"]
    ]
    for (const [doc, issues] of cases) expect(issuesOfRule(doc), JSON.stringify(doc)).toEqual(issues)
  })

  it("the JSON Schema states the same alphabets and the calendar date from 1873 on", () => {
    const text = JSON.stringify(Rule.jsonSchema())
    expect(text).toContain(JSON.stringify({ pattern: "^[A-Za-z0-9_.:-]+$" }).slice(1, -1))
    expect(text).toContain(JSON.stringify({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }).slice(1, -1))
    expect(text).toContain(JSON.stringify({ format: "date", pattern: "^(18(7[3-9]|[89][0-9])|19[0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}$" }).slice(1, -1))
  })
})
