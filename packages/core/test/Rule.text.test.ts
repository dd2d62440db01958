// The words of a verdict (判定の文言): the condition of every clause kind, the observed value named
// by its fact, the default why-not sentence of every kind (理由), custom templates, the question
// for an undecided clause, and old traces (before 0.2.0) rendered without observedText. Each text
// is written out in full in both languages, as a caseworker reads it.
import fc from "fast-check"
import { Result } from "effect"
import { describe, expect, it } from "vitest"
import { Fact, Period, Rule, Verdict } from "@jiritsu/core"
import { coverage } from "./coverage.ts"

const d = Period.unsafeDate
const AS_OF = d("2025-06-01")

const m = (id: string, ja: string = id, en: string = id, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja, en, ...extra })

const evaluate = (rule: Rule.Rule, facts: Record<string, unknown>, specs?: Fact.FactSpecs, asOf: Period.LocalDate = AS_OF): Verdict.Verdict =>
  Result.getOrThrow(Rule.evaluate(rule, { asOf, facts }, specs === undefined ? {} : { specs }))

const clauseOf = (v: Verdict.Verdict, id: string): Verdict.ClauseTrace => {
  const c = v.clauses.find((c) => c.id === id)
  if (c === undefined) throw new Error(`no clause ${id}`)
  return c
}

/** The condition (要件) of the clause `id` of `rule`, as the trace states it. */
const expectedOf = (rule: Rule.Rule, id: string = rule.id, specs?: Fact.FactSpecs): Fact.Labels => clauseOf(evaluate(rule, {}, specs), id).expected

/** The why-not sentence (理由) of the failed clause `id`, from its trace entry. */
const whyNotOf = (rule: Rule.Rule, facts: Record<string, unknown>, id: string = rule.id, specs?: Fact.FactSpecs, asOf: Period.LocalDate = AS_OF): Fact.Labels | undefined =>
  clauseOf(evaluate(rule, facts, specs, asOf), id).whyNot

/** The observed value in words (observedText) of the clause `id`. */
const observedTextOf = (rule: Rule.Rule, facts: Record<string, unknown>, id: string = rule.id, specs?: Fact.FactSpecs, asOf: Period.LocalDate = AS_OF): Fact.Labels | undefined =>
  clauseOf(evaluate(rule, facts, specs, asOf), id).observedText

const labels = (ja: string, en: string): Fact.Labels => ({ ja, en })

// Declared facts (事実の定義) with labels and value labels (値の表示名).
const specs: Fact.FactSpecs = {
  target_groups: {
    type: "strings",
    labels: { ja: "対象者区分", en: "target groups" },
    values: ["welfare_recipient", "single_parent", "youth"],
    valueLabels: { welfare_recipient: { ja: "生活保護受給者", en: "welfare recipient" }, single_parent: { ja: "ひとり親", en: "single parent" } }
  },
  barrier: { type: "boolean", labels: { ja: "就労阻害要因", en: "barrier to work" }, valueLabels: { true: { ja: "あり", en: "present" }, false: { ja: "なし", en: "absent" } } },
  ward: { type: "string", labels: { ja: "居住区", en: "ward" }, valueLabels: { tsurumi: { ja: "鶴見区", en: "Tsurumi" }, naka: { ja: "中区", en: "Naka" } } },
  consent_id: { type: "string", labels: { ja: "同意書番号", en: "consent form number" } },
  birth_date: { type: "date", labels: { ja: "生年月日", en: "date of birth" } },
  household: { type: "members", labels: { ja: "世帯員", en: "household member" } }
}

// A new rule object per use: texts are kept per clause object, and a test must build its own to be
// the one that renders them (mutation testing counts only the tests that run the rendering code).
const workingAge = (): Rule.Rule => Rule.age(m("working_age", "就労可能年齢", "working age"), "birth_date", { min: 18, max: 64 })

describe("Rule text: the condition of each clause kind (要件)", () => {
  it("groups and exceptions read as what they combine, exceptions with their priority and effect", () => {
    const x = Rule.isTrue(m("x"), "x")
    const include = Rule.include(m("inc", "若者", "youth"), Rule.isTrue(m("y"), "y"), 2)
    const exclude = Rule.exclude(m("exc", "高校生", "student"), Rule.isTrue(m("z"), "z"), 1)
    const overlay = Rule.overlay(m("o"), Rule.all(m("a"), [Rule.any(m("any"), [x]), Rule.not(m("n"), Rule.isTrue(m("w"), "w"))]), [include, exclude])
    expect(expectedOf(overlay, "o")).toEqual(labels("基本要件（例外規定あり）", "base rule with exceptions"))
    expect(expectedOf(overlay, "a")).toEqual(labels("すべてに該当", "all of"))
    expect(expectedOf(overlay, "any")).toEqual(labels("いずれかに該当", "any of"))
    expect(expectedOf(overlay, "n")).toEqual(labels("次に該当しないこと", "none of"))
    expect(expectedOf(overlay, "inc")).toEqual(labels("優先度2の例外（対象に追加）", "exception, priority 2 (include)"))
    expect(expectedOf(overlay, "exc")).toEqual(labels("優先度1の例外（対象から除外）", "exception, priority 1 (exclude)"))
  })

  it("comparisons read as fact, symbol and value, the value with its label", () => {
    const cases: ReadonlyArray<readonly [Rule.Rule, Fact.Labels]> = [
      [Rule.eq(m("c"), "n", 3), labels("n = 3", "n = 3")],
      [Rule.neq(m("c"), "n", 3), labels("n ≠ 3", "n ≠ 3")],
      [Rule.gt(m("c"), "n", 3), labels("n > 3", "n > 3")],
      [Rule.gte(m("c"), "n", 3), labels("n ≥ 3", "n ≥ 3")],
      [Rule.lt(m("c"), "n", 3), labels("n < 3", "n < 3")],
      [Rule.lte(m("c"), "n", 3), labels("n ≤ 3", "n ≤ 3")],
      [Rule.isTrue(m("c"), "wants_work"), labels("wants_work = はい", "wants_work = yes")],
      [Rule.isFalse(m("c"), "wants_work"), labels("wants_work = いいえ", "wants_work = no")],
      [Rule.isTrue(m("c"), "barrier"), labels("就労阻害要因 = あり", "barrier to work = present")],
      [Rule.eq(m("c"), "ward", "tsurumi"), labels("居住区 = 鶴見区", "ward = Tsurumi")]
    ]
    for (const [rule, text] of cases) expect(expectedOf(rule, "c", specs), JSON.stringify(rule)).toEqual(text)
  })

  it("lists, ranges and presence read with the fact's labels and the values' labels", () => {
    const cases: ReadonlyArray<readonly [Rule.Rule, Fact.FactSpecs | undefined, Fact.Labels]> = [
      [Rule.isIn(m("c"), "ward", ["tsurumi", "naka"]), undefined, labels("wardがtsurumi・nakaのいずれか", "ward is one of tsurumi, naka")],
      [Rule.isIn(m("c"), "ward", ["tsurumi", "kita"]), specs, labels("居住区が鶴見区・kitaのいずれか", "ward is one of Tsurumi, kita")],
      [Rule.between(m("c"), "n", 1, 5), undefined, labels("n 1〜5", "n 1–5")],
      [Rule.between(m("c"), "d", "2020-01-01", "2020-12-31"), undefined, labels("d 2020-01-01〜2020-12-31", "d 2020-01-01–2020-12-31")],
      [Rule.exists(m("c"), "consent_id"), undefined, labels("consent_idあり", "consent_id on file")],
      [Rule.exists(m("c"), "consent_id"), specs, labels("同意書番号あり", "consent form number on file")],
      [Rule.withinLast(m("c"), "job_loss_date", 24), undefined, labels("job_loss_dateが基準日前24か月以内", "job_loss_date within the last 24 months")],
      [Rule.intersects(m("c"), "target_groups", ["welfare_recipient"]), specs, labels("対象者区分に生活保護受給者を含む", "welfare recipient among target groups")],
      [Rule.intersects(m("c"), "target_groups", ["welfare_recipient"]), undefined, labels("target_groupsにwelfare_recipientを含む", "welfare_recipient among target_groups")],
      [
        Rule.intersects(m("c"), "target_groups", ["welfare_recipient", "single_parent"]),
        specs,
        labels("対象者区分が生活保護受給者・ひとり親のいずれかを含む", "any of welfare recipient, single parent among target groups")
      ],
      [Rule.containsAll(m("c"), "target_groups", ["welfare_recipient", "youth"]), specs, labels("対象者区分が生活保護受給者・youthをすべて含む", "all of welfare recipient, youth among target groups")],
      [Rule.containsAll(m("c"), "target_groups", ["youth"]), specs, labels("対象者区分がyouthをすべて含む", "all of youth among target groups")]
    ]
    for (const [rule, declared, text] of cases) expect(expectedOf(rule, "c", declared), JSON.stringify(rule)).toEqual(text)
  })

  it("a list of no values says so: membership never holds, containing all of it always does", () => {
    expect(expectedOf(Rule.isIn(m("c"), "ward", []), "c", specs)).toEqual(labels("居住区（値の指定なし・常に不充足）", "ward (no values listed; never met)"))
    expect(expectedOf(Rule.intersects(m("c"), "target_groups", []), "c", specs)).toEqual(labels("対象者区分（値の指定なし・常に不充足）", "target groups (no values listed; never met)"))
    expect(expectedOf(Rule.containsAll(m("c"), "target_groups", []), "c", specs)).toEqual(labels("対象者区分（値の指定なし・常に充足）", "target groups (no values listed; always met)"))
    expect(expectedOf(Rule.containsAll(m("c"), "groups", []))).toEqual(labels("groups（値の指定なし・常に充足）", "groups (no values listed; always met)"))
  })

  it("ages read as a range in years, open on either side", () => {
    const age = (range: { readonly min?: number; readonly max?: number }) => expectedOf(Rule.age(m("c"), "birth_date", range))
    expect(age({ min: 18, max: 64 })).toEqual(labels("18〜64歳", "aged 18–64"))
    expect(age({ min: 18 })).toEqual(labels("18歳以上", "aged 18 or over"))
    expect(age({ max: 39 })).toEqual(labels("39歳以下", "aged 39 or under"))
    expect(age({})).toEqual(labels("年齢制限なし", "any age"))
  })

  it("date windows read from (以降) and before (より前), for a fact and for the evaluation date (基準日)", () => {
    const from = d("2013-04-01")
    const until = d("2014-04-01")
    const dateIn = (w: { readonly from?: Period.LocalDate; readonly until?: Period.LocalDate }) => expectedOf(Rule.dateIn(m("c"), "applied_on", w))
    expect(dateIn({ from, until })).toEqual(labels("applied_on: 2013-04-01以降2014-04-01より前", "applied_on: from 2013-04-01, before 2014-04-01"))
    expect(dateIn({ from })).toEqual(labels("applied_on: 2013-04-01以降", "applied_on: on or after 2013-04-01"))
    expect(dateIn({ until })).toEqual(labels("applied_on: 2014-04-01より前", "applied_on: before 2014-04-01"))
    expect(dateIn({})).toEqual(labels("applied_on: いつでも", "applied_on: any date"))
    const asOfIn = (w: { readonly from?: Period.LocalDate; readonly until?: Period.LocalDate }) => expectedOf(Rule.asOfIn(m("c"), w))
    expect(asOfIn({ from, until })).toEqual(labels("基準日が2013-04-01以降2014-04-01より前", "evaluation date from 2013-04-01, before 2014-04-01"))
    expect(asOfIn({ from })).toEqual(labels("基準日が2013-04-01以降", "evaluation date on or after 2013-04-01"))
    expect(asOfIn({ until })).toEqual(labels("基準日が2014-04-01より前", "evaluation date before 2014-04-01"))
    expect(asOfIn({})).toEqual(labels("基準日がいつでも", "evaluation date any date"))
  })

  it("household clauses read as the count or the total (合計), lowest (最小値) or highest (最大値) of a field", () => {
    const child = Rule.eq(m("child"), "relation", "child")
    expect(expectedOf(Rule.count(m("c"), "household", { where: child, op: "gte", value: 1 }), "c", specs)).toEqual(labels("世帯員のうち該当する人数 ≥ 1", "number of matching household member ≥ 1"))
    expect(expectedOf(Rule.count(m("c"), "hh", { op: "lt", value: 4 }))).toEqual(labels("hhのうち該当する人数 < 4", "number of matching hh < 4"))
    const aggregate = (fn: Rule.AggregateFn) => expectedOf(Rule.aggregate(m("c"), "household", { fn, field: "income", op: "lte", value: 130_000 }), "c", specs)
    expect(aggregate("sum")).toEqual(labels("世帯員のincomeの合計 ≤ 130000", "total income of household member ≤ 130000"))
    expect(aggregate("min")).toEqual(labels("世帯員のincomeの最小値 ≤ 130000", "lowest income of household member ≤ 130000"))
    expect(aggregate("max")).toEqual(labels("世帯員のincomeの最大値 ≤ 130000", "highest income of household member ≤ 130000"))
  })

  it("the condition is the one Rule.toMermaid shows under each label", () => {
    const rule = Rule.all(m("r", "要件", "requirements"), [Rule.exists(m("c", "同意", "consent"), "consent_id")])
    expect(Rule.toMermaid(rule, { lang: "en", specs })).toContain('"consent<br/><small>consent form number on file</small>"')
    expect(Rule.toMermaid(rule, { lang: "ja" })).toContain('"同意<br/><small>consent_idあり</small>"')
  })
})

describe("Rule text: the observed value, named by what was observed (observedText)", () => {
  it("a fact clause names the fact (not the clause) and reads the value with its labels", () => {
    const noBarrier = Rule.not(m("no_barrier", "就労阻害要因なし", "no barrier to work"), Rule.isTrue(m("barrier", "就労阻害要因あり", "barrier present"), "barrier"))
    expect(observedTextOf(noBarrier, { barrier: true }, "barrier", specs)).toEqual(labels("就労阻害要因: あり", "barrier to work: present"))
    expect(observedTextOf(noBarrier, { barrier: true }, "barrier")).toEqual(labels("barrier: はい", "barrier: yes"))
    const groups = Rule.intersects(m("g"), "target_groups", ["youth"])
    expect(observedTextOf(groups, { target_groups: ["welfare_recipient", "single_parent"] }, "g", specs)).toEqual(labels("対象者区分: 生活保護受給者・ひとり親", "target groups: welfare recipient, single parent"))
    expect(observedTextOf(Rule.exists(m("c"), "consent_id"), { consent_id: null }, "c", specs)).toEqual(labels("同意書番号: なし", "consent form number: none"))
  })

  it("an age reads in years (歳) when the birth date is a date, and as given otherwise", () => {
    expect(observedTextOf(workingAge(), { birth_date: "1980-05-01" })).toEqual(labels("年齢 45歳", "age 45"))
    expect(observedTextOf(workingAge(), { birth_date: "someday" })).toEqual(labels("年齢 someday", "age someday"))
    expect(observedTextOf(workingAge(), { birth_date: null })).toEqual(labels("年齢 なし", "age none"))
  })

  it("an age clause reads its value plainly, never through the fact's value labels (what it shows stands for an age, not for a value of the fact)", () => {
    const declared: Fact.FactSpecs = { birth_date: { type: "string", labels: { ja: "生年月日", en: "date of birth" }, valueLabels: { unknown: { ja: "不詳", en: "not known" } } } }
    expect(observedTextOf(workingAge(), { birth_date: "unknown" }, "working_age", declared)).toEqual(labels("年齢 unknown", "age unknown"))
    expect(observedTextOf(Rule.eq(m("c"), "birth_date", "x"), { birth_date: "unknown" }, "c", declared)).toEqual(labels("生年月日: 不詳", "date of birth: not known"))
  })

  it("the evaluation date is named 基準日 (evaluation date)", () => {
    expect(observedTextOf(Rule.asOfIn(m("c"), { from: d("2013-04-01") }), {}, "c", specs, d("2013-03-31"))).toEqual(labels("基準日: 2013-03-31", "evaluation date: 2013-03-31"))
  })

  it("a household clause names what it computes: the number of matching members, or the total of a field, as a plain number or range", () => {
    const child = Rule.eq(m("child"), "relation", "child")
    const kids = Rule.count(m("kids"), "household", { where: child, op: "gte", value: 1 })
    expect(observedTextOf(kids, { household: [{ relation: "self" }, { relation: "child" }] }, "kids", specs)).toEqual(labels("世帯員のうち該当する人数: 1", "matching household member: 1"))
    expect(observedTextOf(kids, { household: [{ relation: "child" }, {}] }, "kids")).toEqual(labels("householdのうち該当する人数: 1〜2", "matching household: 1–2"))
    const income = Rule.aggregate(m("inc"), "household", { fn: "sum", field: "income", op: "lte", value: 130_000 })
    expect(observedTextOf(income, { household: [{ income: 100_000 }, { income: 40_000 }] }, "inc", specs)).toEqual(labels("世帯員のincomeの合計: 140000", "total income of household member: 140000"))
    const childIncome = Rule.aggregate(m("ci"), "household", { fn: "sum", field: "income", where: child, op: "lte", value: 130_000 })
    expect(observedTextOf(childIncome, { household: [{ relation: "child", income: 100_000 }, { income: 50_000 }] }, "ci", specs)).toEqual(
      labels("世帯員のincomeの合計: 100000〜150000", "total income of household member: 100000–150000")
    )
    const highest = Rule.aggregate(m("top"), "hh", { fn: "max", field: "age", op: "lt", value: 65 })
    expect(observedTextOf(highest, { hh: [{ age: 70 }, { age: 30 }] }, "top")).toEqual(labels("hhのageの最大値: 70", "highest age of hh: 70"))
    const lowest = Rule.aggregate(m("low"), "hh", { fn: "min", field: "age", op: "gte", value: 18 })
    expect(observedTextOf(lowest, { hh: [{ age: 70 }, { age: 12 }] }, "low")).toEqual(labels("hhのageの最小値: 12", "lowest age of hh: 12"))
  })
})

describe("Rule text: the default why-not sentence of each clause kind (理由)", () => {
  it("a comparison, a list, a range, a date window and a recent date say what the fact is and what was required", () => {
    expect(whyNotOf(Rule.gte(m("c", "収入要件", "income requirement"), "income", 100), { income: 50 })).toEqual(
      labels("収入要件：incomeが 50 のため要件（income ≥ 100）を満たしていません", "income requirement: income is 50, required income ≥ 100")
    )
    expect(whyNotOf(Rule.isIn(m("c", "対象区", "ward rule"), "ward", ["tsurumi", "naka"]), { ward: "kita" }, "c", specs)).toEqual(
      labels("対象区：居住区が kita のため要件（居住区が鶴見区・中区のいずれか）を満たしていません", "ward rule: ward is kita, required ward is one of Tsurumi, Naka")
    )
    expect(whyNotOf(Rule.eq(m("c", "鶴見区在住", "lives in Tsurumi"), "ward", "tsurumi"), { ward: "naka" }, "c", specs)).toEqual(
      labels("鶴見区在住：居住区が 中区 のため要件（居住区 = 鶴見区）を満たしていません", "lives in Tsurumi: ward is Naka, required ward = Tsurumi")
    )
    expect(whyNotOf(Rule.between(m("c", "範囲", "range"), "n", 1, 5), { n: 7 })).toEqual(labels("範囲：nが 7 のため要件（n 1〜5）を満たしていません", "range: n is 7, required n 1–5"))
    const applied = Rule.dateIn(m("c", "申請日", "applied"), "applied_on", { from: d("2013-04-01"), until: d("2014-04-01") })
    expect(whyNotOf(applied, { applied_on: "2014-04-01" })).toEqual(
      labels("申請日：applied_onが 2014-04-01 のため要件（applied_on: 2013-04-01以降2014-04-01より前）を満たしていません", "applied: applied_on is 2014-04-01, required applied_on: from 2013-04-01, before 2014-04-01")
    )
    const lostWork = Rule.withinLast(m("c", "離職後2年以内", "lost work within 2 years"), "job_loss_date", 24)
    expect(whyNotOf(lostWork, { job_loss_date: "2023-05-31" })).toEqual(
      labels("離職後2年以内：job_loss_dateが 2023-05-31 のため要件（job_loss_dateが基準日前24か月以内）を満たしていません", "lost work within 2 years: job_loss_date is 2023-05-31, required job_loss_date within the last 24 months")
    )
  })

  it("a missing record says it cannot be confirmed (確認できません), naming the fact", () => {
    const consent = Rule.exists(m("c", "同意書", "consent"), "consent_id")
    expect(whyNotOf(consent, { consent_id: null })).toEqual(labels("同意書：consent_idが確認できません", "consent: no consent_id on file"))
    expect(whyNotOf(consent, { consent_id: null }, "c", specs)).toEqual(labels("同意書：同意書番号が確認できません", "consent: no consent form number on file"))
  })

  it("an age out of range gives the age and the range; an age that cannot be known reads 不明 (unknown)", () => {
    expect(whyNotOf(workingAge(), { birth_date: "2008-05-01" })).toEqual(labels("年齢 17 歳は就労可能年齢（18〜64歳）の範囲外です", "Age 17 is outside working age (aged 18–64)"))
    // An empty range fails without asking for the birth date: nothing was observed.
    const never = Rule.age(m("c", "対象年齢", "target age"), "birth_date", { min: 40, max: 30 })
    expect(whyNotOf(never, {})).toEqual(labels("年齢 不明 歳は対象年齢（40〜30歳）の範囲外です", "Age unknown is outside target age (aged 40–30)"))
  })

  it("a failed negation names the clause that holds, never the negated label (no double negative)", () => {
    const noBarrier = Rule.not(m("no_barrier", "就労阻害要因なし", "no barrier to work"), Rule.isTrue(m("barrier", "就労阻害要因あり", "barrier to work present"), "barrier"))
    expect(whyNotOf(noBarrier, { barrier: true })).toEqual(labels("就労阻害要因ありに該当するため対象外です", "Not eligible: barrier to work present applies"))
    expect(Verdict.whyNot(evaluate(noBarrier, { barrier: true }), "en")).toEqual(["Not eligible: barrier to work present applies"])
  })

  it("a failed group or overlay says its requirement is not met (要件を満たしていません)", () => {
    const rule = Rule.overlay(m("o", "川西市独自", "Kawanishi variant"), Rule.all(m("a", "基本要件", "base requirements"), [Rule.any(m("any", "対象者区分", "target group"), [Rule.isTrue(m("x"), "x")])]), [
      Rule.include(m("i", "若者", "youth"), Rule.isTrue(m("y"), "y"), 1)
    ])
    const v = evaluate(rule, { x: false, y: false })
    expect(clauseOf(v, "o").whyNot).toEqual(labels("川西市独自の要件を満たしていません", "Kawanishi variant is not met"))
    expect(clauseOf(v, "a").whyNot).toEqual(labels("基本要件の要件を満たしていません", "base requirements is not met"))
    expect(clauseOf(v, "any").whyNot).toEqual(labels("対象者区分の要件を満たしていません", "target group is not met"))
    // An any with no clause to fail is itself the reason.
    expect(evaluate(Rule.any(m("none", "いずれか", "one of these"), []), {}).reasons).toEqual([labels("いずれかの要件を満たしていません", "one of these is not met")])
  })

  it("an applying exclusion is the reason, by its label (のため対象外です)", () => {
    const rule = Rule.overlay(m("o", "川西市独自", "Kawanishi variant"), Rule.isTrue(m("x"), "x"), [Rule.exclude(m("student", "高校生", "high-school student"), Rule.isTrue(m("s"), "hs_student"), 1)])
    expect(evaluate(rule, { x: true, hs_student: true }).reasons).toEqual([labels("高校生のため対象外です", "Not eligible because of high-school student")])
  })

  it("an evaluation date outside the period gives the date and the period", () => {
    const running = Rule.asOfIn(m("c", "事業実施期間", "programme running"), { from: d("2013-04-01") })
    expect(whyNotOf(running, {}, "c", undefined, d("2013-03-31"))).toEqual(
      labels("事業実施期間：基準日 2013-03-31 は対象期間外です（基準日が2013-04-01以降）", "programme running: the date 2013-03-31 is outside the period (evaluation date on or after 2013-04-01)")
    )
  })

  it("list clauses say which wanted value is not among the observed ones: the one, none of several, or not all of them", () => {
    const one = Rule.intersects(m("c", "生活保護", "on welfare"), "target_groups", ["welfare_recipient"])
    expect(whyNotOf(one, { target_groups: ["single_parent"] }, "c", specs)).toEqual(labels("対象者区分（ひとり親）に生活保護受給者が含まれていません", "welfare recipient not among target groups (single parent)"))
    const oneOfAll = Rule.containsAll(m("c", "生活保護", "on welfare"), "target_groups", ["welfare_recipient"])
    expect(whyNotOf(oneOfAll, { target_groups: [] }, "c", specs)).toEqual(labels("対象者区分（なし）に生活保護受給者が含まれていません", "welfare recipient not among target groups (none)"))
    const several = Rule.intersects(m("c", "対象者区分", "target group"), "target_groups", ["welfare_recipient", "single_parent"])
    expect(whyNotOf(several, { target_groups: ["youth"] }, "c", specs)).toEqual(
      labels("対象者区分（youth）に生活保護受給者・ひとり親のいずれも含まれていません", "None of welfare recipient, single parent among target groups (youth)")
    )
    const every = Rule.containsAll(m("c", "両方", "both"), "target_groups", ["welfare_recipient", "single_parent"])
    expect(whyNotOf(every, { target_groups: ["welfare_recipient"] }, "c", specs)).toEqual(
      labels("対象者区分（生活保護受給者）に生活保護受給者・ひとり親の一部が含まれていません", "Not all of welfare recipient, single parent among target groups (welfare recipient)")
    )
  })

  it("a list clause with no values listed gives the general sentence, with its condition", () => {
    const none = Rule.intersects(m("c", "対象", "group"), "target_groups", [])
    expect(whyNotOf(none, { target_groups: [] }, "c", specs)).toEqual(
      labels("対象：対象者区分が なし のため要件（対象者区分（値の指定なし・常に不充足））を満たしていません", "group: target groups is none, required target groups (no values listed; never met)")
    )
    expect(whyNotOf(Rule.isIn(m("c", "区", "ward"), "ward", []), {})).toEqual(labels("区：wardが 不明 のため要件（ward（値の指定なし・常に不充足））を満たしていません", "ward: ward is unknown, required ward (no values listed; never met)"))
  })

  it("a household clause names the count or total it computed, with the condition", () => {
    const under18 = Rule.age(m("minor", "18歳未満", "under 18"), "birth_date", { max: 17 })
    const children = Rule.count(m("c", "18歳未満の子", "child under 18"), "household", { where: under18, op: "gte", value: 1 })
    expect(whyNotOf(children, { household: [{ birth_date: "1980-01-01" }] })).toEqual(
      labels("18歳未満の子：householdのうち該当する人数が 0 のため要件（householdのうち該当する人数 ≥ 1）を満たしていません", "child under 18: matching household is 0, required number of matching household ≥ 1")
    )
    const three = Rule.count(m("c", "子3人以上", "three children"), "household", { where: Rule.eq(m("child"), "relation", "child"), op: "gte", value: 3 })
    expect(whyNotOf(three, { household: [{ relation: "child" }, {}] }, "c", specs)).toEqual(
      labels("子3人以上：世帯員のうち該当する人数が 1〜2 のため要件（世帯員のうち該当する人数 ≥ 3）を満たしていません", "three children: matching household member is 1–2, required number of matching household member ≥ 3")
    )
    const income = Rule.aggregate(m("c", "世帯収入", "household income"), "household", { fn: "sum", field: "income", op: "lte", value: 130_000 })
    expect(whyNotOf(income, { household: [{ income: 100_000 }, { income: 40_000 }] }, "c", specs)).toEqual(
      labels("世帯収入：世帯員のincomeの合計が 140000 のため要件（世帯員のincomeの合計 ≤ 130000）を満たしていません", "household income: total income of household member is 140000, required total income of household member ≤ 130000")
    )
  })
})

describe("Rule text: custom why-not templates", () => {
  it("fills every placeholder, each time it occurs, and leaves unknown braces as written", () => {
    const rule = Rule.gte(
      m("c", "収入", "income", { whyNot: { ja: "{label}/{label}：{fact}={value}（{value}）{expected}{other}", en: "{fact} {value} {label} {expected} {value} {label}" } }),
      "ward",
      3
    )
    expect(whyNotOf(rule, { ward: "naka" }, "c", specs)).toEqual(labels("収入/収入：居住区=中区（中区）居住区 ≥ 3{other}", "ward Naka income ward ≥ 3 Naka income"))
  })

  it("a template with the value in one language only fills it there", () => {
    const jaOnly = Rule.isTrue(m("c", "意欲", "motivation", { whyNot: { ja: "{value}のため{label}なし", en: "no {label}" } }), "wants")
    expect(whyNotOf(jaOnly, { wants: false })).toEqual(labels("いいえのため意欲なし", "no motivation"))
    const enOnly = Rule.isTrue(m("c", "意欲", "motivation", { whyNot: { ja: "{label}なし", en: "{label}: {value}" } }), "wants")
    expect(whyNotOf(enOnly, { wants: false })).toEqual(labels("意欲なし", "motivation: no"))
    const neither = Rule.isTrue(m("c", "意欲", "motivation", { whyNot: { ja: "{label}なし", en: "no {label}" } }), "wants")
    expect(whyNotOf(neither, { wants: false })).toEqual(labels("意欲なし", "no motivation"))
  })

  it("a clause without a fact fills {fact} with nothing; a computed value fills {value} as a plain number or date", () => {
    const running = Rule.asOfIn(m("c", "期間", "period", { whyNot: { ja: "{label}[{fact}] {value}", en: "{label}[{fact}] {value}" } }), { from: d("2013-04-01") })
    expect(whyNotOf(running, {}, "c", specs, d("2013-03-31"))).toEqual(labels("期間[] 2013-03-31", "period[] 2013-03-31"))
    const kids = Rule.count(m("c", "子", "kids", { whyNot: { ja: "{fact}:{value}", en: "{fact}:{value}" } }), "household", { op: "gte", value: 3 })
    expect(whyNotOf(kids, { household: [{}, {}] }, "c", specs)).toEqual(labels("世帯員:2", "household member:2"))
    const excluded = Rule.overlay(m("o"), Rule.isTrue(m("x"), "x"), [
      Rule.exclude(m("e", "除外", "excluded", { whyNot: { ja: "{label}（{fact}{value}）", en: "{label} ({fact}{value})" } }), Rule.isTrue(m("s"), "s"), 1)
    ])
    expect(evaluate(excluded, { x: true, s: true }).reasons).toEqual([labels("除外（不明）", "excluded (unknown)")])
  })
})

describe("Rule text: the question for a clause that cannot be decided yet", () => {
  it("names every fact the clause still needs, with their declared labels", () => {
    const kids = Rule.count(m("k", "子", "kids"), "household", { where: Rule.eq(m("child"), "relation", "child"), op: "gte", value: 2 })
    expect(evaluate(kids, { household: [{}, {}] }).reasons).toEqual([
      labels("子を判定するには「household[0].relation」「household[1].relation」の確認が必要です", "To decide kids, ask for: household[0].relation, household[1].relation")
    ])
    expect(evaluate(kids, { household: [{}, {}] }, specs).reasons).toEqual([
      labels("子を判定するには「世帯員[0].relation」「世帯員[1].relation」の確認が必要です", "To decide kids, ask for: household member[0].relation, household member[1].relation")
    ])
  })
})

describe("Rule text: values in traces without observedText (before 0.2.0)", () => {
  /** How Verdict.render shows an observed value in a trace written before observedText existed. */
  const shownInOldTrace = (observed: unknown, lang: "ja" | "en"): string => {
    const v = evaluate(Rule.exists(m("x", "項目", "item"), "x"), { x: 1 })
    const old = { ...v, clauses: v.clauses.map(({ observedText: _, ...c }) => ({ ...c, observed })) } as Verdict.Verdict
    const line = Verdict.render(old, lang).split("\n").at(-1)!
    return line.slice(line.indexOf(": ") + 2)
  }

  it("reads scalars, lists, ranges and records as a person reads them", () => {
    const cases: ReadonlyArray<readonly [unknown, string, string]> = [
      [true, "はい", "yes"],
      [false, "いいえ", "no"],
      [null, "なし", "none"],
      [42, "42", "42"],
      ["tsurumi", "tsurumi", "tsurumi"],
      [[], "なし", "none"],
      [["a", 1, true, null], "a・1・はい・なし", "a, 1, yes, none"],
      [[{ income: 1 }, "b"], "…・b", "…, b"],
      [{ min: 1, max: 3 }, "1〜3", "1–3"],
      [{ min: null, max: false }, "なし〜いいえ", "none–no"],
      [{ min: 1 }, '{"min":1}', '{"min":1}'],
      [{ max: 1 }, '{"max":1}', '{"max":1}'],
      [{ a: [1] }, '{"a":[1]}', '{"a":[1]}']
    ]
    for (const [observed, ja, en] of cases) {
      expect(shownInOldTrace(observed, "ja"), JSON.stringify(observed)).toBe(ja)
      expect(shownInOldTrace(observed, "en"), JSON.stringify(observed)).toBe(en)
    }
  })
})

describe("Rule text: texts kept per clause and value are the texts of that value", () => {
  // Values that look alike when turned into keys: 1 and "1", true and "true", null and "null",
  // ["a", "b"] and "a,b" and ["a,b"], short and long lists, lists of strings and of numbers.
  const values: ReadonlyArray<unknown> = [
    true, false, null, 0, 1, 2, 149, 150, 1000, -1, 1.5, "1", "0", "true", "null", "", "a", "a,b", "1.5",
    [], ["a"], ["a", "b"], ["a,b"], ["b", "a"], ["a", "b", "c"], [1], ["1"], [1, 2], ["a", 1],
    ["a", "b", "c", "d", "e", "f", "g", "h"], ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
  ]
  const labelled: Fact.FactSpecs = {
    v: {
      type: "string",
      labels: { ja: "値", en: "value" },
      valueLabels: { "1": { ja: "一", en: "one" }, true: { ja: "真", en: "truthy" }, null: { ja: "ヌル", en: "nullish" }, "a,b": { ja: "エービー", en: "ay-bee" }, a: { ja: "エー", en: "ay" } }
    }
  }
  const rule = Rule.eq(m("c", "要件", "requirement"), "v", "never")

  it("each person's observed text and why-not sentence read that person's value, whatever came before (≥ 40 % of runs meet a value seen before, ≥ 30 % a look-alike)", () => {
    const cov = coverage({ repeat: 0.4, lookAlike: 0.3 })
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...values), { minLength: 2, maxLength: 16 }), (people) => {
        cov.run()
        // A fresh copy of the rule per run: its texts are kept from this run's people only.
        const fresh = JSON.parse(JSON.stringify(rule)) as Rule.Rule
        people.forEach((value, i) => {
          const before = people.slice(0, i)
          cov.hit("repeat", before.some((p) => JSON.stringify(p) === JSON.stringify(value)))
          cov.hit("lookAlike", before.some((p) => String(p) === String(value) && JSON.stringify(p) !== JSON.stringify(value)))
          const c = clauseOf(evaluate(fresh, { v: value }, labelled), "c")
          const shown = (lang: "ja" | "en") => Fact.describeValue(labelled, "v", value, lang)
          expect(c.observedText).toEqual(labels(`値: ${shown("ja")}`, `value: ${shown("en")}`))
          expect(c.whyNot).toEqual(labels(`要件：値が ${shown("ja")} のため要件（値 = never）を満たしていません`, `requirement: value is ${shown("en")}, required value = never`))
        })
      })
    )
    cov.check()
  })

  it("after more distinct values than are kept, every value still reads as itself", () => {
    const fresh = JSON.parse(JSON.stringify(rule)) as Rule.Rule
    const many = [
      ...Array.from({ length: 300 }, (_, i) => `w${i}`),
      ...Array.from({ length: 300 }, (_, i) => [`l${i}`, `m${i}`]),
      ...Array.from({ length: 300 }, (_, i) => 1000 + i)
    ]
    for (const value of [...many, ...many.slice(0, 20), ...many.slice(300, 320), ...many.slice(600, 620)]) {
      expect(clauseOf(evaluate(fresh, { v: value }), "c").observedText, JSON.stringify(value)).toEqual(labels(`v: ${Fact.describeValue(undefined, "v", value, "ja")}`, `v: ${Fact.describeValue(undefined, "v", value, "en")}`))
    }
  })

  it("a list changed in place between two evaluations reads as it is now (facts are read, never copied)", () => {
    const groups = Rule.intersects(m("c", "区分", "group"), "target_groups", ["welfare_recipient"])
    const list = ["single_parent"]
    const facts = { target_groups: list }
    expect(observedTextOf(groups, facts, "c", specs)).toEqual(labels("対象者区分: ひとり親", "target groups: single parent"))
    list.push("youth")
    expect(observedTextOf(groups, facts, "c", specs)).toEqual(labels("対象者区分: ひとり親・youth", "target groups: single parent, youth"))
  })

  it("two households with different possible counts each read their own range", () => {
    const kids = Rule.count(m("c", "子5人以上", "five children"), "household", { where: Rule.eq(m("child"), "relation", "child"), op: "gte", value: 5 })
    expect(observedTextOf(kids, { household: [{ relation: "child" }, {}] })).toEqual(labels("householdのうち該当する人数: 1〜2", "matching household: 1–2"))
    expect(observedTextOf(kids, { household: [{}, {}, {}] })).toEqual(labels("householdのうち該当する人数: 0〜3", "matching household: 0–3"))
    expect(whyNotOf(kids, { household: [{ relation: "child" }, { relation: "self" }, {}] })).toEqual(
      labels("子5人以上：householdのうち該当する人数が 1〜2 のため要件（householdのうち該当する人数 ≥ 5）を満たしていません", "five children: matching household is 1–2, required number of matching household ≥ 5")
    )
    expect(whyNotOf(kids, { household: [{}, {}, {}] })).toEqual(
      labels("子5人以上：householdのうち該当する人数が 0〜3 のため要件（householdのうち該当する人数 ≥ 5）を満たしていません", "five children: matching household is 0–3, required number of matching household ≥ 5")
    )
  })

  it("one rule read with different fact declarations uses each one's labels", () => {
    const groups = Rule.intersects(m("c", "区分", "group"), "target_groups", ["welfare_recipient"])
    const other: Fact.FactSpecs = { target_groups: { type: "strings", labels: { ja: "区分一覧", en: "group list" } } }
    const facts = { target_groups: ["single_parent"] }
    expect(clauseOf(evaluate(groups, facts, specs), "c").whyNot).toEqual(labels("対象者区分（ひとり親）に生活保護受給者が含まれていません", "welfare recipient not among target groups (single parent)"))
    expect(clauseOf(evaluate(groups, facts, other), "c").whyNot).toEqual(labels("区分一覧（single_parent）にwelfare_recipientが含まれていません", "welfare_recipient not among group list (single_parent)"))
    expect(clauseOf(evaluate(groups, facts), "c").whyNot).toEqual(labels("target_groups（single_parent）にwelfare_recipientが含まれていません", "welfare_recipient not among target_groups (single_parent)"))
    expect(clauseOf(evaluate(groups, facts, specs), "c").observedText).toEqual(labels("対象者区分: ひとり親", "target groups: single parent"))
    expect(clauseOf(evaluate(groups, facts, other), "c").observedText).toEqual(labels("区分一覧: single_parent", "group list: single_parent"))
  })
})
