// Eligibility at an integrated employment-support desk (一体的実施), Yokohama-style: the national
// Hello Work hand-off test (P5: ability, motivation, no barrier, consent; working age P7) with a
// ward overlay (S2), dated: FY2013 start, then needy persons added when the 生活困窮者自立支援法
// came into force on 2015-04-01. Runs under Node 24 type stripping: annotations only, no enums.
import { Period, Rule, RuleSet, Verdict } from "@jiritsu/core"

const d = Period.unsafeDate

const meta = (id: string, ja: string, en: string, extra: Partial<Rule.Meta> = {}): Rule.Meta => ({ id, ja, en, ...extra })

const groupNames: Record<string, readonly [string, string]> = {
  welfare_recipient: ["生活保護受給者", "public-assistance recipient"],
  welfare_applicant: ["生活保護の相談・申請段階の者", "public-assistance applicant"],
  child_rearing_allowance_recipient: ["児童扶養手当受給者", "child-rearing allowance recipient"],
  housing_benefit_recipient: ["住宅支援給付・住居確保給付金受給者", "housing benefit recipient"],
  needy_person: ["生活困窮者", "needy person"]
}

const handoff = (groups: ReadonlyArray<string>): Rule.Rule =>
  Rule.all(meta("hw_handoff", "ハローワークへの支援要請の要件", "Hello Work hand-off", { citation: { source: "P5", section: "支援対象者の要件" } }), [
    Rule.any(
      meta("target_group", "対象者区分", "target group", { citation: { source: "S2" } }),
      groups.map((g) => Rule.intersects(meta(`group_${g}`, groupNames[g]![0], groupNames[g]![1]), "target_groups", [g]))
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

const yokohama = (groups: ReadonlyArray<string>): Rule.Rule =>
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
    Rule.exclude(
      meta("outside_site_wards", "実施区外の居住", "lives outside the site wards", {
        citation: { source: "S2", section: "鶴見区・中区・瀬谷区" },
        whyNot: { ja: "実施区（鶴見区・中区・瀬谷区）以外にお住まいのため対象外です", en: "Lives outside the site wards (Tsurumi, Naka, Seya)" }
      }),
      Rule.not(meta("not_in_site_ward", "実施区外", "not in a site ward"), Rule.isIn(meta("in_site_ward", "実施区に居住", "lives in a site ward"), "ward", ["tsurumi", "naka", "seya"])),
      2
    )
  ])

/** The programme's rule set, with its declared facts (labels for the questions asked). */
export const programme: RuleSet.RuleSet = RuleSet.make({
  id: "yokohama_integrated_support",
  ja: "横浜市 生活保護受給者等就労自立促進事業",
  en: "Yokohama employment self-reliance promotion (integrated desk)",
  citation: { source: "S2" },
  facts: {
    target_groups: { type: "strings", labels: { ja: "対象者区分", en: "target groups" } },
    birth_date: { type: "date", labels: { ja: "生年月日", en: "date of birth" } },
    able_to_work: { type: "boolean", labels: { ja: "稼働能力の有無", en: "ability to work" } },
    wants_work: { type: "boolean", labels: { ja: "就労意欲の有無", en: "wish to work" } },
    care_barrier: { type: "boolean", labels: { ja: "介護・育児等の就労阻害要因", en: "care or childcare barrier" } },
    consent_id: { type: "string", labels: { ja: "同意書番号", en: "consent record" } },
    ward: { type: "string", labels: { ja: "居住区", en: "ward of residence" } },
    nursery_applicant: { type: "boolean", labels: { ja: "保育所入所申請の有無", en: "nursery application" } }
  },
  versions: [
    RuleSet.version({
      version: "FY2013",
      from: d("2013-04-01"),
      until: d("2015-04-01"),
      rule: yokohama(["welfare_recipient", "welfare_applicant", "child_rearing_allowance_recipient", "housing_benefit_recipient"]),
      citation: { source: "P2", section: "平成25年度事業開始" }
    }),
    RuleSet.version({
      version: "FY2015",
      from: d("2015-04-01"),
      rule: yokohama(["welfare_recipient", "welfare_applicant", "child_rearing_allowance_recipient", "housing_benefit_recipient", "needy_person"]),
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

export const AS_OF = d("2025-06-01")

export const persons: ReadonlyArray<Person> = [
  {
    name: "佐藤 花子",
    note: "生活保護受給者、45歳、中区",
    facts: { target_groups: ["welfare_recipient"], birth_date: "1979-08-12", able_to_work: true, wants_work: true, care_barrier: false, consent_id: "C-2025-0412", ward: "naka" }
  },
  {
    name: "鈴木 一郎",
    note: "生活困窮者、17歳",
    facts: { target_groups: ["needy_person"], birth_date: "2008-01-20", able_to_work: true, wants_work: true, care_barrier: false, consent_id: "C-2025-0413", ward: "tsurumi" }
  },
  {
    name: "高橋 健",
    note: "住居確保給付金受給者、初回相談（生年月日・就労意欲は未確認）",
    facts: { target_groups: ["housing_benefit_recipient"], able_to_work: true, care_barrier: false, consent_id: "C-2025-0414", ward: "seya" }
  },
  {
    name: "田中 美咲",
    note: "生活保護受給者、就労意欲は申告なし → 面談後に職員判断",
    facts: { target_groups: ["welfare_recipient"], birth_date: "1990-03-03", able_to_work: true, wants_work: false, care_barrier: false, consent_id: "C-2025-0415", ward: "tsurumi" },
    overrides: [{ clauseId: "motivation", reason: "面談で就労意欲を確認（5月28日）", actor: "就労支援員 山本" }]
  },
  {
    name: "伊藤 由美",
    note: "ひとり親、保育所入所申請中（横浜市の追加対象）",
    facts: { target_groups: ["single_parent"], birth_date: "1992-11-30", able_to_work: true, wants_work: true, care_barrier: true, consent_id: "C-2025-0416", ward: "naka", nursery_applicant: true }
  }
]

export interface DemoResult {
  readonly person: Person
  readonly verdict: Verdict.Verdict
}

/** Evaluates every person as of {@link AS_OF} (strict: a date outside the versions is an error). */
export const runDemo = (): ReadonlyArray<DemoResult> =>
  persons.map((person) => {
    const input = { asOf: AS_OF, facts: person.facts, ...(person.overrides !== undefined ? { overrides: person.overrides } : {}) }
    const result = RuleSet.evaluateUnknown(programme, input, { mode: "strict" })
    if (result._tag === "Failure") throw new Error(`demo input rejected: ${result.failure.message}`)
    return { person, verdict: result.success }
  })

/** The console report: one block per person, then the rule set's checks. */
export const formatDemo = (results: ReadonlyArray<DemoResult>): string => {
  const lines: Array<string> = []
  lines.push(`${programme.labels.ja} — 基準日 ${Period.formatEra(AS_OF)}（${AS_OF}）`)
  lines.push(`静的チェック: ${RuleSet.check(programme).length === 0 ? "指摘なし" : RuleSet.check(programme).map((f) => f.message.ja).join(" / ")}`)
  for (const { person, verdict } of results) {
    lines.push("", `■ ${person.name}（${person.note}）`)
    lines.push(Verdict.render(verdict, "ja"))
    if (verdict.outcome === "undetermined") lines.push(`  未確認の事項: ${verdict.missingFacts.join(", ")}`)
  }
  lines.push("", "凡例: ✓ 充足  ✗ 不充足  ? 未確認  ⚑ 職員判断で充足扱い  → 例外規定を適用  · 例外規定に該当せず")
  return lines.join("\n")
}
