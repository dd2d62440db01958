// A deterministic sample event log for the guides' examples: a few hundred people at one site,
// contacts every week, plans, employment support, placements with employers, welfare exits.
import { Metric, Period } from "@jiritsu/core"

export const sampleEvents = (options: { readonly site?: string; readonly from?: string; readonly months?: number } = {}): ReadonlyArray<Metric.MetricEvent> => {
  const site = options.site ?? "shinagawa_employment_centre"
  const from = Period.unsafeDate(options.from ?? "2013-04-01")
  const days = (options.months ?? 12) * 30
  const events: Array<Metric.MetricEvent> = []
  for (let person = 0; person < 300; person++) {
    const personRef = `p-${person}`
    const targetGroups = person % 5 === 0 ? ["welfare_recipient"] : person % 7 === 0 ? ["single_parent"] : ["general_job_seeker"]
    const first = person % days
    const on = (offset: number) => Period.addDays(from, Math.min(first + offset, days - 1))
    events.push({ kind: "intake", personRef, date: on(0), site, targetGroups })
    for (let week = 0; week < 6; week++) events.push({ kind: "consultation", personRef, date: on(week * 7), site, targetGroups })
    if (person % 2 === 0) events.push({ kind: "plan_made", personRef, date: on(10), site, targetGroups })
    if (person % 3 !== 2) events.push({ kind: "employment_support_started", personRef, date: on(14), site, targetGroups })
    if (person % 3 === 0) events.push({ kind: "placement", personRef, date: on(60), site, targetGroups, employerRef: `emp-${person % 40}` })
    if (person % 15 === 0) events.push({ kind: "welfare_exit", personRef, date: on(90), site, targetGroups })
    if (person % 10 === 0) events.push({ kind: "employer_contact", personRef, date: on(20), site, targetGroups, employerRef: `emp-${person % 40}` })
  }
  return events
}
