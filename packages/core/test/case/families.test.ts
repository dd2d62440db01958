// How the command families fit together: their tags partition the Command and Event unions (so
// Case.decide routes every command to exactly one family, and Case.evolve every event), and each
// family's evolve writes only the part of the state it owns.
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Case } from "@jiritsu/core"
import * as Closure from "../../src/internal/caseClosure.ts"
import * as Intake from "../../src/internal/caseIntake.ts"
import * as Placements from "../../src/internal/casePlacements.ts"
import * as Referrals from "../../src/internal/caseReferrals.ts"
import * as Stages from "../../src/internal/caseStages.ts"
import { arbCaseEvents } from "../arbitraries.ts"

const families = { Intake, Stages, Referrals, Placements, Closure }
type Family = keyof typeof families

/** The fields of the state each family may write (besides version and lastEventAt, which every event moves). */
const owns: Record<Family, ReadonlyArray<keyof Case.CaseState>> = {
  Intake: [
    "phase",
    "caseId",
    "subjectId",
    "openedAt",
    "episode",
    "publicAssistance",
    "birthDate",
    "stage",
    "stageHistory",
    "proposedWorkTraining",
    "emergencySupports",
    "preConsultations",
    "planId",
    "planRevisions",
    "evaluationOutcome",
    "supportDecided",
    "authorisedStages"
  ],
  Stages: ["stage", "stageHistory"],
  Referrals: ["referrals"],
  Placements: ["placements", "publicAssistance", "welfareExitAt"],
  Closure: ["phase", "closedAt", "closeReason", "stage", "stageHistory", "episode", "publicAssistance", "supportDecided", "authorisedStages", "evaluationOutcome", "planId", "proposedWorkTraining"]
}

const familyOfEvent = (tag: Case.Event["_tag"]): Family => (Object.keys(families) as Array<Family>).find((f) => (families[f].eventTags as ReadonlyArray<string>).includes(tag))!

describe("command families", () => {
  it("partition the commands and the events: every tag belongs to exactly one family", () => {
    const commandTags = Object.values(families).flatMap((f) => [...f.commandTags])
    expect([...commandTags].sort()).toEqual(Object.keys(Case.Command.cases).sort())
    const eventTags = Object.values(families).flatMap((f) => [...f.eventTags])
    expect([...eventTags].sort()).toEqual(Object.keys(Case.Event.cases).sort())
  })

  it("property: each family's events change only the fields the family owns (every family reached in ≥ 20 % of runs)", () => {
    const reached: Record<Family, number> = { Intake: 0, Stages: 0, Referrals: 0, Placements: 0, Closure: 0 }
    let runs = 0
    fc.assert(
      fc.property(arbCaseEvents, (events) => {
        runs++
        const seen = new Set<Family>()
        let state = Case.initial
        for (const event of events) {
          const next = Case.evolve(state, event)
          const family = familyOfEvent(event._tag)
          seen.add(family)
          const changed = (Object.keys(next) as Array<keyof Case.CaseState>).filter((k) => k !== "version" && k !== "lastEventAt" && JSON.stringify(next[k]) !== JSON.stringify(state[k]))
          expect(changed.filter((k) => !owns[family].includes(k)), `${event._tag} wrote outside ${family}`).toEqual([])
          expect(next.version).toBe(state.version + 1)
          expect(next.lastEventAt).toBe(event.occurredAt)
          state = next
        }
        for (const f of seen) reached[f]++
      })
    )
    for (const f of Object.keys(reached) as Array<Family>) expect(reached[f] / runs, f).toBeGreaterThanOrEqual(0.2)
  })
})
