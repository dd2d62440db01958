// A researcher's question: how many people of a synthetic ward population are in scope of the
// national Hello Work hand-off test and of the welfare office's own employment support, month by
// month across FY2013? Seeded data, columnar evaluation, exact reproducibility.
import { Catalogue } from "@jiritsu/catalog"
import { Period } from "@jiritsu/core"

// A small seeded generator (mulberry32): the core takes seeds, never Math.random.
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const size = 10_000
const random = prng(2013)
const birthDays = Period.toDayNumber(Period.unsafeDate("1950-01-01"))
const columns = {
  target_groups: Array.from({ length: size }, () => [random() < 0.7 ? "welfare_recipient" : "child_rearing_allowance_recipient"]),
  birth_date: Array.from({ length: size }, () => Period.fromDayNumber(birthDays + Math.floor(random() * 60 * 365))),
  able_to_work: Array.from({ length: size }, () => random() < 0.6),
  judged_able_to_work: Array.from({ length: size }, () => random() < 0.6),
  motivated: Array.from({ length: size }, () => (random() < 0.1 ? undefined : random() < 0.5)), // unknown for 10 %
  work_barrier: Array.from({ length: size }, () => random() < 0.3),
  consents_to_participate: Array.from({ length: size }, () => random() < 0.8),
  high_school_student: Array.from({ length: size }, () => false),
  unable_to_work_illness_disability: Array.from({ length: size }, () => random() < 0.15)
}

const fy2013 = Period.unsafeFiscalYear(2013)
for (const month of Period.monthsOfFiscalYear(fy2013)) {
  const asOf = Period.firstDayOf(month)
  const row: Array<string> = [month]
  for (const programme of ["national.hw_handoff", "national.welfare_office_support"]) {
    const outcomes = Catalogue.evaluateMany(Catalogue.catalogue, programme, { columns, length: size }, asOf, "strict")
    if (outcomes._tag === "Failure") {
      row.push(`${programme}: not in force (${outcomes.failure._tag})`)
      continue
    }
    const count = (o: string) => outcomes.success.filter((x) => x === o).length
    row.push(`${programme}: ${count("eligible")} eligible, ${count("undetermined")} undetermined`)
  }
  console.log(row.join("  |  "))
}
// The welfare-office test needs no motivation (社援発0516第18号), so more people are in scope there
// and fewer are undetermined; the hand-off test waits for the motivation interview.
