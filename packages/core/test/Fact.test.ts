// Fact declarations with value labels (値の表示名), and how observed and compared values read in
// why-not sentences, Verdict.render and Mermaid; readable boundary errors for facts and rules.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { coverage } from "./coverage.ts"
import { Fact, Period, Rule, RuleSet, Verdict } from "@jiritsu/core"
import { arbAsOf, arbBadValueLabels, arbFacts, arbMalformedRule, arbRule, arbSpecs, ALL_FACTS } from "./arbitraries.ts"

const d = Period.unsafeDate
const AS_OF = d("2013-10-01")
const meta = (id: string, ja: string, en: string): Rule.Meta => ({ id, ja, en })

const specs: Fact.FactSpecs = {
  target_groups: {
    type: "strings",
    labels: { ja: "対象者区分", en: "target groups" },
    values: ["welfare_recipient", "welfare_applicant", "needy_person"],
    valueLabels: {
      welfare_recipient: { ja: "生活保護受給者", en: "public-assistance recipient" },
      welfare_applicant: { ja: "生活保護の相談・申請段階の者", en: "public-assistance applicant" }
    }
  },
  care_barrier: {
    type: "boolean",
    labels: { ja: "介護・育児等の就労阻害要因", en: "care or childcare barrier" },
    valueLabels: { true: { ja: "あり", en: "present" }, false: { ja: "なし", en: "none" } }
  },
  wants_work: { type: "boolean", labels: { ja: "就労意欲がある", en: "wishes to work" } },
  ward: { type: "string", labels: { ja: "居住区", en: "ward" }, values: ["naka", "aoba"], valueLabels: { naka: { ja: "中区", en: "Naka" }, aoba: { ja: "青葉区", en: "Aoba" } } }
}

const applicant = Rule.intersects(meta("applicant", "生活保護の相談・申請段階の者", "applicant"), "target_groups", ["welfare_applicant"])
const noBarrier = Rule.isFalse(meta("no_barrier", "就労阻害要因なし", "no barrier to work"), "care_barrier")
const motivated = Rule.isTrue(meta("motivation", "就労意欲", "wish to work"), "wants_work")
const inNaka = Rule.isIn(meta("in_naka", "中区に居住", "lives in Naka"), "ward", ["naka"])
const rule = Rule.all(meta("r", "要件", "requirements"), [applicant, noBarrier, motivated, inNaka])

const verdictOf = (facts: Record<string, unknown>, withSpecs: Fact.FactSpecs | "none" = specs): Verdict.Verdict => {
  const r = Rule.evaluate(rule, { asOf: AS_OF, facts }, withSpecs === "none" ? {} : { specs: withSpecs })
  if (Result.isFailure(r)) throw new Error(r.failure.message)
  return r.success
}
const clause = (v: Verdict.Verdict, id: string) => v.clauses.find((c) => c.id === id)!

const person = { target_groups: ["welfare_recipient"], care_barrier: true, wants_work: false, ward: "aoba" }

describe("value labels (値の表示名)", () => {
  it("read a set-membership why-not with the value labels of observed and wanted values", () => {
    const v = verdictOf(person)
    expect(clause(v, "applicant").whyNot).toEqual({
      ja: "対象者区分（生活保護受給者）に生活保護の相談・申請段階の者が含まれていません",
      en: "public-assistance applicant not among target groups (public-assistance recipient)"
    })
    expect(clause(v, "applicant").observedText).toEqual({ ja: "対象者区分: 生活保護受給者", en: "target groups: public-assistance recipient" })
    expect(clause(v, "in_naka").whyNot?.ja).toBe("中区に居住：居住区が 青葉区 のため要件（居住区が中区のいずれか）を満たしていません")
  })

  it("name the observed value by the FACT's label, so a negated clause never shows a bare はい/いいえ", () => {
    const v = verdictOf(person)
    expect(clause(v, "no_barrier").observedText).toEqual({ ja: "介護・育児等の就労阻害要因: あり", en: "care or childcare barrier: present" })
    const ja = Verdict.render(v, "ja")
    expect(ja).toContain("✗ 就労阻害要因なし — 介護・育児等の就労阻害要因: あり（要件: 介護・育児等の就労阻害要因 = なし）")
    expect(ja).not.toContain("就労阻害要因なし: はい")
    // A boolean fact without value labels whose label is a statement keeps はい / いいえ, which reads correctly there.
    expect(ja).toContain("✗ 就労意欲 — 就労意欲がある: いいえ（要件: 就労意欲がある = はい）")
    const en = Verdict.render(v, "en")
    expect(en).toContain("✗ no barrier to work — care or childcare barrier: present (required: care or childcare barrier = none)")
    expect(en).not.toMatch(/[（）]/)
  })

  it("are used by the Mermaid export for compared values", () => {
    const m = Rule.toMermaid(rule, { specs })
    expect(m).toContain("対象者区分に生活保護の相談・申請段階の者を含む")
    expect(m).toContain("居住区が中区のいずれか")
    expect(m).toContain("介護・育児等の就労阻害要因 = なし")
    expect(Rule.toMermaid(rule, { specs, lang: "en" })).toContain("public-assistance applicant among target groups")
  })

  it("leave unlabelled values as they are (backward compatible), and ages and counts are not fact values", () => {
    const v = verdictOf(person, "none")
    expect(clause(v, "applicant").whyNot?.ja).toBe("target_groups（welfare_recipient）にwelfare_applicantが含まれていません")
    expect(clause(v, "no_barrier").observedText?.ja).toBe("care_barrier: はい")
    const age = Rule.age(meta("age", "就労可能年齢", "working age"), "birth_date", { min: 18, max: 64 })
    const r = Rule.evaluate(age, { asOf: AS_OF, facts: { birth_date: "1996-01-20" } })
    expect(Result.isSuccess(r) && r.success.clauses[0]!.observedText).toEqual({ ja: "年齢 17歳", en: "age 17" })
    expect(Result.isSuccess(r) && Verdict.whyNot(r.success, "ja")).toEqual(["年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です"])
  })

  it("a household total is named as a total, not as the member list", () => {
    const limit = Rule.aggregate(meta("income", "世帯収入基準", "income limit"), "household", { fn: "sum", field: "income", op: "lte", value: 100 })
    const household: Fact.FactSpecs = { household: { type: "members", labels: { ja: "世帯員", en: "household members" } } }
    const r = Rule.evaluate(limit, { asOf: AS_OF, facts: { household: [{ income: 80 }, { income: 50 }] } }, { specs: household })
    expect(Result.isSuccess(r) && r.success.reasons).toEqual([
      { ja: "世帯収入基準：世帯員のincomeの合計が 130 のため要件（世帯員のincomeの合計 ≤ 100）を満たしていません", en: "income limit: total income of household members is 130, required total income of household members ≤ 100" }
    ])
    expect(Result.isSuccess(r) && r.success.clauses[0]!.observedText).toEqual({ ja: "世帯員のincomeの合計: 130", en: "total income of household members: 130" })
  })

  it("a failed negation names what applied, not the negated label", () => {
    const notHighSchool = Rule.not(meta("not_student", "高校生でない", "not a high-school student"), Rule.isTrue(meta("student", "高校生", "high-school student"), "student"))
    const r = Rule.evaluate(notHighSchool, { asOf: AS_OF, facts: { student: true } })
    expect(Result.isSuccess(r) && r.success.reasons).toEqual([{ ja: "高校生に該当するため対象外です", en: "Not eligible: high-school student applies" }])
  })

  it("render a stored trace written before observedText existed as before", () => {
    const v = verdictOf(person)
    const old = { ...v, clauses: v.clauses.map(({ observedText: _, ...c }) => c) }
    expect(Result.isSuccess(Verdict.decode(JSON.parse(JSON.stringify(old))))).toBe(true)
    expect(Verdict.render(old, "ja")).toContain("✗ 就労阻害要因なし: はい")
  })

  it("Fact.describeValue reads labels, lists, null and member lists", () => {
    expect(Fact.describeValue(specs, "target_groups", ["welfare_recipient", "needy_person"], "ja")).toBe("生活保護受給者・needy_person")
    expect(Fact.describeValue(specs, "target_groups", [], "en")).toBe("none")
    expect(Fact.describeValue(specs, "care_barrier", null, "ja")).toBe("なし")
    expect(Fact.describeValue(specs, "care_barrier", false, "en")).toBe("none")
    expect(Fact.describeValue(undefined, "household", [{ income: 1 }, { income: 2 }], "ja")).toBe("2人")
  })

  it("describeValue: unknown and absent values in both languages; value labels of the fact itself only, not of a path inside it", () => {
    expect([Fact.describeValue(specs, "wants_work", undefined, "ja"), Fact.describeValue(specs, "wants_work", undefined, "en")]).toEqual(["不明", "unknown"])
    expect([Fact.describeValue(specs, "wants_work", true, "ja"), Fact.describeValue(specs, "wants_work", false, "en")]).toEqual(["はい", "no"])
    expect([Fact.describeValue(specs, "care_barrier", true, "ja"), Fact.describeValue(specs, "ward", "naka", "en")]).toEqual(["あり", "Naka"])
    expect(Fact.describeValue(specs, "ward[0]", "naka", "en")).toBe("naka")
    // A boolean's labels belong to booleans: the string "true" on a string fact is not labelled by them.
    const odd: Fact.FactSpecs = { flag: { type: "string", labels: { ja: "旗", en: "flag" }, valueLabels: { true: { ja: "真", en: "truthy" } } } }
    expect([Fact.describeValue(odd, "flag", "true", "en"), Fact.describeValue(odd, "flag", true, "en")]).toEqual(["truthy", "yes"])
    expect(Fact.describeValue(undefined, "household", [{ income: 1 }], "en")).toBe("1 member")
  })

  it("describeValue and labelOf in English and Japanese: lists, empty lists, records, a path inside a fact", () => {
    expect(Fact.describeValue(specs, "target_groups", ["welfare_recipient", "needy_person"], "en")).toBe("public-assistance recipient, needy_person")
    expect([Fact.describeValue(specs, "target_groups", [], "ja"), Fact.describeValue(specs, "wants_work", null, "en"), Fact.describeValue(specs, "wants_work", false, "ja")]).toEqual(["なし", "none", "いいえ"])
    expect([Fact.describeValue(undefined, "x", { a: 1 }, "en"), Fact.describeValue(undefined, "x", [{ a: 1 }, 2], "en"), Fact.describeValue(undefined, "x", [{ a: 1 }, null], "en")]).toEqual(["…", "…, 2", "…, none"])
    expect(Fact.describeValue(undefined, "household", [{ a: 1 }, { a: 2 }], "en")).toBe("2 members")
    expect([Fact.labelOf(specs, "ward", "ja"), Fact.labelOf(specs, "ward[0]", "en"), Fact.labelOf(specs, "shoe_size", "en"), Fact.labelOf(undefined, "ward", "ja")]).toEqual(["居住区", "ward[0]", "shoe_size", "ward"])
  })

  it("a label for a value the fact cannot take is a typed error naming its path, in Fact.decodeSpecs and RuleSet.decode", () => {
    const bad = { ward: { ...specs["ward"], valueLabels: { naka: { ja: "中区", en: "Naka" }, nakaa: { ja: "中区", en: "Naka" } } } }
    const r = Fact.decodeSpecs(bad)
    expect(Result.isFailure(r) && r.failure).toEqual({
      _tag: "FactSpecsDecodeError",
      issues: [{ path: ["ward", "valueLabels", "nakaa"], message: 'a label for "nakaa", which is not one of the fact\'s values (naka, aoba)' }],
      message: 'ward.valueLabels.nakaa: a label for "nakaa", which is not one of the fact\'s values (naka, aoba)'
    })
    const set = RuleSet.make({ id: "s", ja: "s", en: "s", versions: [RuleSet.version({ version: "v1", from: d("2013-04-01"), rule })] })
    const doc = { ...JSON.parse(JSON.stringify(set)), facts: bad }
    const decoded = RuleSet.decode(doc)
    expect(Result.isFailure(decoded) && decoded.failure.issues.map((i) => i.path)).toEqual([["facts", "ward", "valueLabels", "nakaa"]])
    expect(Result.isSuccess(RuleSet.decode({ ...doc, facts: specs }))).toBe(true)
  })
})

describe("readable boundary errors", () => {
  it("rule documents: unknown kinds, wrong operators, non-clauses and non-finite numbers say what was found", () => {
    const issues = (doc: unknown) => {
      const r = Rule.decode(doc)
      return Result.isFailure(r) ? r.failure.issues : []
    }
    expect(issues(null)).toEqual([{ path: [], message: "Expected a clause (an object with kind, id and labels), got null" }])
    expect(issues({ kind: "compare", id: "x", labels: { ja: "x", en: "x" }, fact: "f", op: "eqq", value: {} })).toEqual([
      { path: ["op"], message: 'Expected "eq" | "neq" | "gt" | "gte" | "lt" | "lte", got "eqq" (did you mean "eq"?)' },
      { path: ["value"], message: "Expected a string, a finite number or a boolean, got an object" }
    ])
    expect(issues({ kind: "not", id: "x", labels: { ja: "x", en: "x" }, child: 3 })).toEqual([
      { path: ["child"], message: "Expected a clause (an object with kind, id and labels), got 3" }
    ])
    expect(issues({ kind: "age", id: "x", labels: { ja: "x", en: 2 }, fact: "b", min: Number.NaN })).toEqual([
      { path: ["labels", "en"], message: "Expected string, got 2" },
      { path: ["min"], message: "Expected a finite number, got NaN" }
    ])
  })

  it("fact records: an explicit undefined, NaN and nested lists say what is wrong", () => {
    const r = Fact.decodeFacts({ a: undefined, b: Number.NaN, c: [[1]], g: ["naka", "chuo"] }, { g: { type: "strings", labels: { ja: "g", en: "g" }, values: ["naka"] } })
    expect(Result.isFailure(r) && r.failure.issues).toEqual([
      { path: ["a"], message: "undefined is not a fact value (leave the key out when the fact is unknown, or use null when it is known to be absent)" },
      { path: ["b"], message: "Expected a finite number, got NaN" },
      { path: ["c", 0], message: "Expected string | number | boolean or object, got a list of 1" }
    ])
    const typed = Fact.decodeFacts({ g: ["naka", "chuo"] }, { g: { type: "strings", labels: { ja: "g", en: "g" }, values: ["naka"] } })
    expect(Result.isFailure(typed) && typed.failure.issues).toEqual([{ path: ["g", 1], message: 'expected one of naka, got "chuo"' }])
  })
})

const FORBIDDEN = /undefined|\[object Object\]|NaN/

describe("properties", () => {
  it("rendering never throws and never prints undefined or [object Object], for any rule, facts and declarations with value labels (≥ 30 % of runs with a declared value label)", () => {
    const cov = coverage({ valueLabels: 0.3 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, arbSpecs, (r, facts, asOf, declared) => {
        cov.run()
        cov.hit("valueLabels", Object.values(declared).some((s) => s.valueLabels !== undefined))
        const v = Rule.evaluate(r, { asOf, facts }, { specs: declared })
        expect(Result.isSuccess(v)).toBe(true)
        if (Result.isFailure(v)) return
        const texts = [
          Verdict.render(v.success, "ja"),
          Verdict.render(v.success, "en"),
          Rule.toMermaid(r, { specs: declared, verdict: v.success }),
          Rule.toMermaid(r, { specs: declared, lang: "en" }),
          ...v.success.reasons.flatMap((l) => [l.ja, l.en]),
          ...v.success.clauses.flatMap((c) => [c.expected, c.whyNot, c.observedText].flatMap((l) => (l === undefined ? [] : [l.ja, l.en])))
        ]
        for (const text of texts) expect(text).not.toMatch(FORBIDDEN)
      })
    )
    cov.check()
  })

  it("an observed fact value is shown with the fact's label and its value label (≥ 20 % of runs show an observed value, ≥ 1 % by its value label)", () => {
    const cov = coverage({ observed: 0.2, labelled: 0.01 })
    fc.assert(
      fc.property(arbRule, arbFacts, arbAsOf, arbSpecs, (r, facts, asOf, declared) => {
        const v = Rule.evaluate(r, { asOf, facts }, { specs: declared })
        if (Result.isFailure(v)) return
        cov.run()
        cov.hit("observed", v.success.clauses.some((c) => c.observedText !== undefined))
        cov.hit("labelled", v.success.clauses.some((c) => c.fact !== undefined && declared[c.fact]?.valueLabels !== undefined && Object.hasOwn(declared[c.fact]!.valueLabels!, String(c.observed))))
        for (const c of v.success.clauses) {
          if (c.fact === undefined || c.observed === undefined || ["age", "count", "aggregate"].includes(c.kind)) continue
          for (const lang of ["ja", "en"] as const) {
            expect(c.observedText?.[lang]).toBe(`${Fact.labelOf(declared, c.fact, lang)}: ${Fact.describeValue(declared, c.fact, c.observed, lang)}`)
          }
          const spec = declared[c.fact]
          const labelled = spec?.valueLabels
          if (labelled !== undefined && (typeof c.observed === "string" || typeof c.observed === "boolean") && Object.hasOwn(labelled, String(c.observed))) {
            expect(c.observedText?.ja).toBe(`${spec!.labels.ja}: ${labelled[String(c.observed)]!.ja}`)
          }
        }
      })
    )
    cov.check()
  })

  it("generated declarations decode (after a JSON round-trip) to themselves (≥ 30 % of runs with value labels)", () => {
    const cov = coverage({ valueLabels: 0.3 })
    fc.assert(
      fc.property(arbSpecs, (declared) => {
        cov.run()
        cov.hit("valueLabels", Object.values(declared).some((s) => s.valueLabels !== undefined))
        const r = Fact.decodeSpecs(JSON.parse(JSON.stringify(declared)))
        expect(Result.isSuccess(r) && r.success).toEqual(declared)
      })
    )
    cov.check()
  })

  it("a wrong value label is a typed error naming its path, never a throw (≥ 30 % of runs break a label inside a value label)", () => {
    const cov = coverage({ deep: 0.3 })
    fc.assert(
      fc.property(arbBadValueLabels, ({ specs: bad, path }) => {
        cov.run()
        cov.hit("deep", path.length >= 3)
        const r = Fact.decodeSpecs(bad)
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) {
          expect(r.failure._tag).toBe("FactSpecsDecodeError")
          // The issue names the label itself or something inside it (e.g. its missing `en`).
          expect(r.failure.issues.some((i) => path.every((p, k) => i.path[k] === p))).toBe(true)
          expect(r.failure.issues.every((i) => i.message.length > 0 && !FORBIDDEN.test(i.message))).toBe(true)
        }
      })
    )
    cov.check()
  })

  it("rule decoding errors read well: no [object Object], and a wrong value says what was found (≥ 50 % of runs refused)", () => {
    const cov = coverage({ refused: 0.5 })
    fc.assert(
      fc.property(arbMalformedRule, ({ doc }) => {
        const r = Rule.decode(doc)
        cov.run()
        cov.hit("refused", Result.isFailure(r))
        if (Result.isSuccess(r)) return
        for (const i of r.failure.issues) {
          expect(i.message).not.toMatch(/\[object Object\]|undefined/)
          expect(i.message).not.toMatch(/^has none of the allowed forms \(a clause/)
          if (/^Expected (?!no excess)/.test(i.message) && valueAt(doc, i.path) !== undefined) expect(i.message).toContain(", got ")
        }
      })
    )
    cov.check()
  })

  it("fact decoding errors read well for generated bad values (≥ 10 % of runs with the value missing, ≥ 50 % with a value of the wrong shape)", () => {
    const cov = coverage({ missing: 0.1, wrongShape: 0.5 })
    const arbBad = fc.oneof(fc.constant({}), fc.constant([{ a: {} }]), fc.constant(Number.POSITIVE_INFINITY), fc.constant(Number.NaN), fc.constant([[1]]), fc.constant(undefined as unknown))
    fc.assert(
      fc.property(arbFacts, fc.constantFrom(...ALL_FACTS), arbBad, (facts, fact, bad) => {
        cov.run()
        cov.hit(bad === undefined ? "missing" : "wrongShape")
        const r = Fact.decodeStructure({ ...facts, [fact]: bad })
        expect(Result.isFailure(r)).toBe(true)
        if (Result.isFailure(r)) {
          expect(r.failure.issues.some((i) => i.path[0] === fact)).toBe(true)
          for (const i of r.failure.issues) {
            expect(i.message).not.toMatch(/\[object Object\]|Expected a valid value/)
            if (bad !== undefined) expect(i.message).toContain(", got ")
          }
        }
      })
    )
    cov.check()
  })
})

const valueAt = (input: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((v, k) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined), input)

describe("decodeFacts needs the specs; decodeStructure checks the shape only", () => {
  const specs: Fact.FactSpecs = {
    able_to_work: { type: "boolean", labels: { ja: "稼働能力", en: "able to work" } },
    ward: { type: "string", labels: { ja: "区", en: "ward" }, values: ["tsurumi", "naka", "seya"] }
  }

  it("an undeclared fact is an issue naming the closest declared one; a wrong type says what it got", () => {
    const r = Fact.decodeFacts({ abel_to_work: true, ward: "tsurum", able_to_work: "yes" }, specs)
    expect(Result.isFailure(r) && r.failure.issues).toEqual([
      { path: ["abel_to_work"], message: 'unknown fact "abel_to_work" (did you mean "able_to_work"?)' },
      { path: ["able_to_work"], message: 'expected a boolean, got "yes"' },
      { path: ["ward"], message: 'expected one of tsurumi, naka, seya, got "tsurum" (did you mean "tsurumi"?)' }
    ])
  })

  it("unknownFacts: keep passes undeclared facts through (a rule set's specs cover only what it reads)", () => {
    expect(Result.isSuccess(Fact.decodeFacts({ shoe_size: 42, able_to_work: true }, specs, { unknownFacts: "keep" }))).toBe(true)
  })

  it("decodeStructure accepts any well-shaped record, typed or not (structure only)", () => {
    expect(Result.isSuccess(Fact.decodeStructure({ able_to_work: "yes", anything: [1, 2] }))).toBe(true)
    expect(Result.isFailure(Fact.decodeStructure({ x: { nested: true } }))).toBe(true)
  })

  it("property: each declared type accepts exactly its kind of value, null always, and a refusal names the fact and what was expected (every type refuses in ≥ 5 % of runs and accepts in ≥ 5 %)", () => {
    const types = ["boolean", "number", "string", "date", "strings", "members"] as const
    const expected: Record<(typeof types)[number], string> = {
      boolean: "expected a boolean",
      number: "expected a number",
      string: "expected a string",
      date: "expected a calendar date YYYY-MM-DD",
      strings: "expected a list of strings",
      members: "expected a list of member records"
    }
    // Values of every shape a fact record may hold, each the right kind for some type.
    const value = fc.oneof(
      fc.boolean(),
      fc.integer({ min: -5, max: 99 }),
      fc.constantFrom("naka", "2013-04-01", "2013-02-30", ""),
      fc.constant(null),
      fc.array(fc.constantFrom("naka", "seya"), { maxLength: 2 }),
      fc.array(fc.oneof(fc.constantFrom("naka"), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 3 }),
      fc.array(fc.record({ age: fc.integer({ min: 0, max: 90 }) }), { minLength: 1, maxLength: 2 })
    )
    const fits = (type: (typeof types)[number], v: unknown): boolean => {
      if (v === null) return true
      switch (type) {
        case "boolean":
          return v === true || v === false
        case "number":
          return typeof v === "number"
        case "string":
          return typeof v === "string"
        case "date":
          return v === "2013-04-01"
        case "strings":
          return Array.isArray(v) && v.every((x) => typeof x === "string")
        case "members":
          return Array.isArray(v) && v.every((x) => typeof x === "object" && x !== null && !Array.isArray(x))
      }
    }
    const labels = { ja: "事実", en: "fact" }
    const typeSpecs: Fact.FactSpecs = Object.fromEntries(types.map((t) => [t, { type: t, labels }]))
    const cov = coverage(Object.fromEntries(types.flatMap((t) => [[`${t}Refused`, 0.05], [`${t}Accepted`, 0.05]])) as Record<string, number>)
    fc.assert(
      fc.property(fc.record(Object.fromEntries(types.map((t) => [t, value])) as Record<(typeof types)[number], fc.Arbitrary<unknown>>, { requiredKeys: [] }), (facts) => {
        cov.run()
        const r = Fact.decodeFacts(facts, typeSpecs)
        const refused = types.filter((t) => Object.hasOwn(facts, t) && !fits(t, facts[t]))
        for (const t of types) if (Object.hasOwn(facts, t)) cov.hit(refused.includes(t) ? `${t}Refused` : `${t}Accepted`)
        if (refused.length === 0) expect(r).toEqual(Result.succeed(facts))
        else expect(Result.isFailure(r) && r.failure.issues.map((i) => [i.path, i.message.split(", got ")[0]])).toEqual(refused.map((t) => [[t], expected[t]]))
        if (Result.isFailure(r)) expect(r.failure.message).toBe(r.failure.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "))
      })
    )
    cov.check()
  })

  it("only string and strings facts have allowed values to check; a value not allowed is named at its place in the list", () => {
    const labels = { ja: "区", en: "ward" }
    const wards = ["naka", "seya"]
    expect(Result.isSuccess(Fact.decodeFacts({ w: "naka", ws: ["seya", "naka"], n: null }, { w: { type: "string", labels, values: wards }, ws: { type: "strings", labels, values: wards }, n: { type: "string", labels, values: wards } }))).toBe(true)
    const r = Fact.decodeFacts({ ws: ["naka", "chuo", "sseya"] }, { ws: { type: "strings", labels, values: wards } })
    expect(Result.isFailure(r) && r.failure.issues).toEqual([
      { path: ["ws", 1], message: 'expected one of naka, seya, got "chuo"' },
      { path: ["ws", 2], message: 'expected one of naka, seya, got "sseya" (did you mean "seya"?)' }
    ])
  })

  it("an undeclared fact far from every declared name gets no suggestion; a string fact without allowed values may still label values", () => {
    const r = Fact.decodeFacts({ shoe_size: 42 }, specs)
    expect(Result.isFailure(r) && r.failure.issues).toEqual([{ path: ["shoe_size"], message: 'unknown fact "shoe_size"' }])
    expect(Result.isSuccess(Fact.decodeSpecs({ office: { type: "string", labels: { ja: "窓口", en: "desk" }, valueLabels: { naka: { ja: "中区", en: "Naka" } } } }))).toBe(true)
  })

  it("a record that is not an object is refused at the root, and an undefined inside a list is not mistaken for a missing fact", () => {
    const root = Fact.decodeFacts([1], specs)
    expect(Result.isFailure(root) && root.failure._tag).toBe("FactsDecodeError")
    expect(Result.isFailure(root) && root.failure.message.startsWith("(root): ")).toBe(true)
    const inList = Fact.decodeStructure({ a: [undefined] })
    expect(Result.isFailure(inList) && inList.failure.issues.every((i) => i.path.join(".") === "a.0" && !i.message.includes("leave the key out"))).toBe(true)
  })

  it("property: every generated misspelling of a declared fact is refused, and one edit away it is named (≥ 50 % of runs get a suggestion)", () => {
    const names = Object.keys(Vocabulary)
    const cov = coverage({ suggested: 0.5 })
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.nat(), fc.constantFrom("drop", "swap", "double"), (name, at, how) => {
        const i = at % name.length
        const typo =
          how === "drop" ? name.slice(0, i) + name.slice(i + 1) : how === "double" ? name.slice(0, i) + name[i] + name.slice(i) : i + 1 < name.length ? name.slice(0, i) + name[i + 1] + name[i] + name.slice(i + 2) : `${name}x`
        fc.pre(!Object.hasOwn(Vocabulary, typo) && typo.length > 0)
        cov.run()
        const r = Fact.decodeFacts({ [typo]: true }, Vocabulary)
        expect(Result.isFailure(r)).toBe(true)
        const message = Result.isFailure(r) ? r.failure.issues[0]!.message : ""
        expect(message).toMatch(/^unknown fact /)
        cov.hit("suggested", message.includes("did you mean"))
      })
    )
    cov.check()
  })
})

const Vocabulary: Fact.FactSpecs = Object.fromEntries(
  ["able_to_work", "birth_date", "target_groups", "household", "consents_to_participate", "seeking_work", "lives_in_city", "needs_employment_support"].map((n) => [n, { type: "boolean" as const, labels: { ja: n, en: n } }])
)
