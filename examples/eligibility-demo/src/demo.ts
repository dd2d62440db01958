// Eligibility at an integrated employment-support desk (一体的実施), Yokohama-style: the national
// Hello Work hand-off test (P5: ability, motivation, no barrier, consent; working age P7) with a
// ward overlay (S2), dated as in the sources: Job Spots opened in three ward offices (鶴見区・中区・
// 瀬谷区) on 2013-04-15 (平成25年度), eight ward offices by FY2014 (平成26年度; the source documents do not
// name the other five, so a fact says whether the ward office of residence has one), and needy
// persons added when the 生活困窮者自立支援法 came into force on 2015-04-01 (平成27年度).
// Runs under Node 24 type stripping: annotations only, no enums.
import { Period, Rule, RuleSet, Verdict } from "@jiritsu/core"

const d = Period.unsafeDate

const meta = (id: string, ja: string, en: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja, en, ...extra })

const label = (ja: string, en: string) => ({ ja, en })

/** Target groups (対象者区分) with the names a caseworker uses. */
const groupLabels = {
  welfare_recipient: label("生活保護受給者", "public-assistance recipient"),
  welfare_applicant: label("生活保護の相談・申請段階の者", "public-assistance applicant"),
  child_rearing_allowance_recipient: label("児童扶養手当受給者", "child-rearing allowance recipient"),
  housing_benefit_recipient: label("住宅支援給付・住居確保給付金受給者", "housing benefit recipient"),
  needy_person: label("生活困窮者", "needy person"),
  single_parent: label("ひとり親", "single parent")
}
type Group = keyof typeof groupLabels

/** The eighteen wards of Yokohama (横浜市の行政区). */
const wardLabels = {
  tsurumi: label("鶴見区", "Tsurumi"),
  kanagawa: label("神奈川区", "Kanagawa"),
  nishi: label("西区", "Nishi"),
  naka: label("中区", "Naka"),
  minami: label("南区", "Minami"),
  konan: label("港南区", "Konan"),
  hodogaya: label("保土ケ谷区", "Hodogaya"),
  asahi: label("旭区", "Asahi"),
  isogo: label("磯子区", "Isogo"),
  kanazawa: label("金沢区", "Kanazawa"),
  kohoku: label("港北区", "Kohoku"),
  midori: label("緑区", "Midori"),
  aoba: label("青葉区", "Aoba"),
  tsuzuki: label("都筑区", "Tsuzuki"),
  totsuka: label("戸塚区", "Totsuka"),
  sakae: label("栄区", "Sakae"),
  izumi: label("泉区", "Izumi"),
  seya: label("瀬谷区", "Seya")
}

/** あり / なし for facts whose label is a noun (「就労阻害要因」), where はい / いいえ would not read. */
const presence = { true: label("あり", "yes"), false: label("なし", "no") }

const handoff = (groups: ReadonlyArray<Group>): Rule.Rule =>
  Rule.all(meta("hw_handoff", "ハローワークへの支援要請の要件", "Hello Work hand-off", { citation: { source: "P5", section: "支援対象者の要件" } }), [
    Rule.any(
      meta("target_group", "対象者区分", "target group", { citation: { source: "S2" } }),
      groups.map((g) => Rule.intersects(meta(`group_${g}`, groupLabels[g].ja, groupLabels[g].en), "target_groups", [g]))
    ),
    Rule.age(meta("working_age", "就労可能年齢", "working age", { citation: { source: "P7", section: "18歳以上65歳未満" } }), "birth_date", { min: 18, max: 64 }),
    Rule.isTrue(meta("able_to_work", "稼働能力", "able to work", { citation: { source: "P5", section: "(1)" } }), "able_to_work"),
    Rule.isTrue(
      meta("motivation", "就労意欲", "wish to work", {
        soft: true,
        citation: { source: "P5", section: "(2)" },
        whyNot: { ja: "就労意欲が確認できていません（面談で確認のうえ職員判断が可能です）", en: "No wish to work on file (staff may decide after an interview)" }
      }),
      "wants_work"
    ),
    Rule.isFalse(meta("no_barrier", "就労阻害要因なし", "no barrier to work", { citation: { source: "P5", section: "(3)" } }), "care_barrier"),
    Rule.exists(meta("consent", "支援への同意", "consent to take part", { citation: { source: "P5", section: "(4)" } }), "consent_id")
  ])

const FIRST_WARDS = ["tsurumi", "naka", "seya"]

/** Where a Job Spot serves residents: the first three wards in FY2013, eight ward offices from FY2014. */
const siteWards = (stage: "three" | "eight"): Rule.Rule =>
  stage === "three"
    ? Rule.isIn(meta("in_site_ward", "実施区に居住", "lives in a site ward", { citation: { source: "S2", section: "3(2) 平成25年度における一体的実施の場所" } }), "ward", FIRST_WARDS)
    : Rule.any(meta("in_site_ward", "ジョブスポット設置区に居住", "lives in a ward with a Job Spot"), [
        Rule.isIn(meta("in_first_wards", "鶴見区・中区・瀬谷区に居住", "lives in Tsurumi, Naka or Seya"), "ward", FIRST_WARDS),
        Rule.isTrue(meta("ward_job_spot", "居住区の区役所にジョブスポット", "Job Spot at the ward office", { citation: { source: "S0", section: "横浜市長コメント（現在では8区役所に広がっています）" } }), "ward_job_spot")
      ])

const outsideWards = (stage: "three" | "eight"): Rule.Exception =>
  Rule.exclude(
    meta("outside_site_wards", "実施区外の居住", "lives outside the site wards", {
      citation: stage === "three" ? { source: "S2", section: "鶴見区・中区・瀬谷区" } : { source: "S0", section: "8区役所" },
      whyNot:
        stage === "three"
          ? { ja: "平成25年度の実施区（鶴見区・中区・瀬谷区）以外にお住まいのため対象外です", en: "Lives outside the FY2013 site wards (Tsurumi, Naka, Seya)" }
          : { ja: "お住まいの区の区役所にジョブスポットがないため対象外です", en: "The ward office of residence has no Job Spot" }
    }),
    Rule.not(meta("not_in_site_ward", "実施区外", "not in a site ward"), siteWards(stage)),
    2
  )

const yokohama = (groups: ReadonlyArray<Group>, stage: "three" | "eight"): Rule.Rule =>
  Rule.overlay(meta("yokohama", "横浜市 一体的実施", "Yokohama integrated desk", { citation: { source: "S2" } }), handoff(groups), [
    Rule.include(
      meta("nursery_single_parent", "保育所入所申請中のひとり親", "single parent applying for a nursery place", { citation: { source: "S2", section: "ひとり親" } }),
      Rule.all(meta("nursery_single_parent_test", "ひとり親かつ保育所申請", "single parent and nursery applicant"), [
        Rule.intersects(meta("is_single_parent", "ひとり親", "single parent"), "target_groups", ["single_parent"]),
        Rule.isTrue(meta("nursery_applicant", "保育所入所申請中", "applied for a nursery place"), "nursery_applicant"),
        Rule.exists(meta("consent_single_parent", "支援への同意", "consent to take part"), "consent_id")
      ]),
      1
    ),
    outsideWards(stage)
  ])

const FIRST_GROUPS: ReadonlyArray<Group> = ["welfare_recipient", "welfare_applicant", "child_rearing_allowance_recipient", "housing_benefit_recipient"]

/** The programme's rule set, with its declared facts (labels for the questions asked and for the values shown). */
export const programme: RuleSet.RuleSet = RuleSet.make({
  id: "yokohama_integrated_support",
  ja: "横浜市 生活保護受給者等就労自立促進事業",
  en: "Yokohama employment self-reliance promotion (integrated desk)",
  citation: { source: "S2" },
  facts: {
    target_groups: { type: "strings", labels: label("対象者区分", "target groups"), values: Object.keys(groupLabels), valueLabels: groupLabels },
    birth_date: { type: "date", labels: label("生年月日", "date of birth") },
    able_to_work: { type: "boolean", labels: label("稼働能力", "ability to work"), valueLabels: presence },
    wants_work: { type: "boolean", labels: label("就労意欲", "wish to work"), valueLabels: presence },
    care_barrier: { type: "boolean", labels: label("介護・育児等の就労阻害要因", "care or childcare barrier"), valueLabels: presence },
    consent_id: { type: "string", labels: label("同意書番号", "consent record") },
    ward: { type: "string", labels: label("居住区", "ward of residence"), values: Object.keys(wardLabels), valueLabels: wardLabels },
    ward_job_spot: { type: "boolean", labels: label("居住区の区役所のジョブスポット", "Job Spot at the ward office"), valueLabels: presence },
    nursery_applicant: { type: "boolean", labels: label("保育所入所申請", "nursery application"), valueLabels: presence }
  },
  versions: [
    RuleSet.version({
      version: "平成25年度（3区）",
      from: d("2013-04-15"),
      until: d("2014-04-01"),
      rule: yokohama(FIRST_GROUPS, "three"),
      citation: { source: "S0", section: "横浜市長コメント（平成25年4月15日に、3区役所で窓口をオープン）" }
    }),
    RuleSet.version({
      version: "平成26年度（8区）",
      from: d("2014-04-01"),
      until: d("2015-04-01"),
      rule: yokohama(FIRST_GROUPS, "eight"),
      citation: { source: "S0", section: "横浜市長コメント（現在では8区役所に広がっています）" }
    }),
    RuleSet.version({
      version: "平成27年度（生活困窮者を追加）",
      from: d("2015-04-01"),
      rule: yokohama([...FIRST_GROUPS, "needy_person"], "eight"),
      citation: { source: "P16", section: "生活困窮者自立支援法 2015-04-01 施行" }
    })
  ]
})

export interface Person {
  readonly name: string
  readonly note: string
  readonly facts: Record<string, unknown>
  readonly overrides?: ReadonlyArray<Verdict.Override>
}

/** The evaluation date: half-way through the first year (平成25年度), three wards open. */
export const AS_OF = d("2013-10-01")

export const persons: ReadonlyArray<Person> = [
  {
    name: "佐藤 花子",
    note: "生活保護受給者、34歳、中区",
    facts: { target_groups: ["welfare_recipient"], birth_date: "1979-08-12", able_to_work: true, wants_work: true, care_barrier: false, consent_id: "C-2013-0412", ward: "naka" }
  },
  {
    name: "鈴木 一郎",
    note: "生活保護の相談・申請段階、17歳、鶴見区",
    facts: { target_groups: ["welfare_applicant"], birth_date: "1996-01-20", able_to_work: true, wants_work: true, care_barrier: false, consent_id: "C-2013-0413", ward: "tsurumi" }
  },
  {
    name: "高橋 健",
    note: "住宅支援給付受給者、初回相談（生年月日・就労意欲は未確認）、瀬谷区",
    facts: { target_groups: ["housing_benefit_recipient"], able_to_work: true, care_barrier: false, consent_id: "C-2013-0414", ward: "seya" }
  },
  {
    name: "田中 美咲",
    note: "生活保護受給者、就労意欲は申告なし → 面談後に職員判断、鶴見区",
    facts: { target_groups: ["welfare_recipient"], birth_date: "1990-03-03", able_to_work: true, wants_work: false, care_barrier: false, consent_id: "C-2013-0415", ward: "tsurumi" },
    overrides: [{ clauseId: "motivation", reason: "面談で就労意欲を確認（9月27日）", actor: "就労支援員 山本" }]
  },
  {
    name: "伊藤 由美",
    note: "ひとり親、保育所入所申請中（横浜市の追加対象）、中区",
    facts: { target_groups: ["single_parent"], birth_date: "1992-11-30", able_to_work: true, wants_work: true, care_barrier: true, consent_id: "C-2013-0416", ward: "naka", nursery_applicant: true }
  },
  {
    name: "山田 太郎",
    note: "生活保護受給者、港北区（平成25年度は実施区外）",
    facts: { target_groups: ["welfare_recipient"], birth_date: "1975-05-05", able_to_work: true, wants_work: true, care_barrier: false, consent_id: "C-2013-0417", ward: "kohoku", ward_job_spot: true }
  }
]

export interface DemoResult {
  readonly person: Person
  readonly verdict: Verdict.Verdict
}

const evaluateAt = (person: Person, asOf: Period.LocalDate): Verdict.Verdict => {
  const input = { asOf, facts: person.facts, ...(person.overrides !== undefined ? { overrides: person.overrides } : {}) }
  const result = RuleSet.evaluateUnknown(programme, input, { mode: "strict" })
  if (result._tag === "Failure") throw new Error(`demo input rejected: ${result.failure.message}`)
  return result.success
}

/** Evaluates every person as of {@link AS_OF} (strict: a date outside the versions is an error). */
export const runDemo = (): ReadonlyArray<DemoResult> => persons.map((person) => ({ person, verdict: evaluateAt(person, AS_OF) }))

/**
 * The same facts decided at one date in each version: the ward expansion (平成26年度) and the
 * needy persons added by the 生活困窮者自立支援法 (平成27年度).
 */
export const TIMELINE: ReadonlyArray<{ readonly person: Person; readonly dates: ReadonlyArray<Period.LocalDate> }> = [
  { person: persons[5]!, dates: [d("2013-10-01"), d("2014-10-01")] },
  {
    person: {
      name: "木村 誠",
      note: "生活困窮者（生活保護・住宅支援給付の対象外）、中区",
      facts: { target_groups: ["needy_person"], birth_date: "1980-02-14", able_to_work: true, wants_work: true, care_barrier: false, consent_id: "C-2014-0101", ward: "naka" }
    },
    dates: [d("2014-10-01"), d("2015-06-01")]
  }
]

export const runTimeline = (): ReadonlyArray<{ readonly person: Person; readonly verdicts: ReadonlyArray<Verdict.Verdict> }> =>
  TIMELINE.map(({ person, dates }) => ({ person, verdicts: dates.map((date) => evaluateAt(person, date)) }))

const dateLabel = (date: Period.LocalDate): string => `${Period.formatEra(date)}（${Period.fiscalYearLabel(Period.fiscalYearOf(date))}）`

/** The console report: one block per person, then the same facts across the versions. */
export const formatDemo = (results: ReadonlyArray<DemoResult>, timeline = runTimeline()): string => {
  const lines: Array<string> = []
  const findings = RuleSet.check(programme)
  lines.push(`${programme.labels.ja} — 基準日 ${dateLabel(AS_OF)}`)
  lines.push(`静的チェック: ${findings.length === 0 ? "指摘なし" : findings.map((f) => f.message.ja).join(" / ")}`)
  for (const { person, verdict } of results) {
    lines.push("", `■ ${person.name}（${person.note}）`)
    lines.push(Verdict.render(verdict, "ja"))
    if (verdict.outcome === "undetermined") lines.push(`  未確認の事項: ${verdict.missingFacts.join(", ")}`)
  }
  lines.push("", "── 版ごとの判定（同じ申告内容を各年度の基準日で判定）──")
  for (const { person, verdicts } of timeline) {
    lines.push("", `■ ${person.name}（${person.note}）`)
    for (const v of verdicts) {
      lines.push(`  ${Period.formatEra(v.asOf)} — 版「${v.ruleSet?.version ?? "（なし）"}」: ${Verdict.outcomeLabel(v.outcome, "ja")}`)
      for (const reason of Verdict.whyNot(v, "ja")) lines.push(`    - ${reason}`)
    }
  }
  lines.push("", "凡例: ✓ 充足  ✗ 不充足  ? 未確認  ⚑ 職員判断で充足扱い  → 例外規定を適用  · 例外規定に該当せず")
  return lines.join("\n")
}
