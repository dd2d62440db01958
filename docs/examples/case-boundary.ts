// At the boundary: decode untrusted JSON commands, decide, store events, rebuild from a snapshot.
import { Case } from "@jiritsu/core"

// A request body from an HTTP client or a row of an import file.
const body: unknown = JSON.parse(`{
  "_tag": "OpenCase",
  "occurredAt": "2013-04-31",
  "actor": { "organisation": "welfare office", "role": "caseworker" },
  "caseId": "c-1",
  "subjectId": "p-1",
  "publicAssistance": true
}`)

const refused = Case.decideUnknown(Case.initial, body)
if (refused._tag === "Failure" && refused.failure._tag === "InvalidCommand") {
  for (const issue of refused.failure.issues) console.log(issue.path.join("."), "—", issue.message)
  // occurredAt — expected a calendar date YYYY-MM-DD (1873–9999), got "2013-04-31"
  // actor.organisation — Expected "municipality" | "hello_work" | "contractor" | "consultation_agency"
}

// Accepted commands give events; store them (JSON) and fold them back, whole or from a snapshot.
const opened = Case.decideUnknown(Case.initial, { ...(body as object), occurredAt: "2013-04-30", actor: { organisation: "municipality", role: "caseworker" } })
if (opened._tag === "Success") {
  const stored = JSON.stringify(opened.success)
  const events = (JSON.parse(stored) as ReadonlyArray<unknown>).map((row) => {
    const e = Case.decodeEvent(row)
    if (e._tag === "Failure") throw new Error("corrupt event row")
    return e.success
  })
  const snapshot = Case.replay(events)
  console.log(snapshot.phase, snapshot.version) // intake 1
  console.log(Case.invariantViolations(snapshot)) // []
}
