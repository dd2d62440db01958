// Emmett's DeciderSpecification shape for one command family of the case decider: given past
// events (folded by Case.replay), when the family decides a command, then these events (or this
// refusal); and for the family's evolve, given a state, when an event, then this state.
import { Result } from "effect"
import { expect } from "vitest"
import { Case, Period } from "@jiritsu/core"
import { resolveOptions, type DecideContext, type DeciderOptions, type FamilyDecide } from "../../src/internal/caseDecide.ts"

export const d = Period.unsafeDate
export const cw: Case.Actor = { organisation: "municipality", role: "caseworker" }
export const esw: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }
export const nav: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
export const permit: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-1"] }

type RefusalFields<T extends Case.Refusal["_tag"]> = Partial<Extract<Case.Refusal, { readonly _tag: T }>>

export const specFor = <C extends Case.Command>(decide: FamilyDecide<C>, options: DeciderOptions = {}) => {
  const env = resolveOptions(options)
  return {
    given: (...history: ReadonlyArray<Case.Event>) => {
      const state = Case.replay(history)
      return {
        state,
        when: (command: C, context?: DecideContext) => {
          const result = decide(state, command, env, context)
          return {
            /** The events decided, and the state after them. */
            then: (...expected: ReadonlyArray<Case.Event>): Case.CaseState => {
              expect(Result.isSuccess(result) ? result.success : result.failure).toEqual(expected)
              return Case.replay(expected, state)
            },
            thenRefused: <T extends Case.Refusal["_tag"]>(tag: T, fields: RefusalFields<T> = {}): Case.Refusal => {
              if (Result.isSuccess(result)) throw new Error(`expected ${tag}, got events ${JSON.stringify(result.success)}`)
              expect(result.failure).toMatchObject({ _tag: tag, ...fields })
              expect(result.failure.message.length).toBeGreaterThan(0)
              expect(result.failure.messageJa.length).toBeGreaterThan(0)
              return result.failure
            }
          }
        }
      }
    }
  }
}

/** The events of a case opened on `opened` and carried through the plan cycle up to `until`. */
export const history = {
  opened: (opts: { readonly birthDate?: Period.LocalDate; readonly publicAssistance?: boolean } = {}): ReadonlyArray<Case.Event> => [
    {
      _tag: "CaseOpened",
      occurredAt: d("2013-04-01"),
      actor: cw,
      caseId: "c-1",
      subjectId: "p-1",
      publicAssistance: opts.publicAssistance ?? true,
      ...(opts.birthDate !== undefined ? { birthDate: opts.birthDate } : {})
    }
  ],
  assessed: (stage = "social_life", opts: { readonly birthDate?: Period.LocalDate; readonly publicAssistance?: boolean } = {}): ReadonlyArray<Case.Event> => [
    ...history.opened(opts),
    { _tag: "Assessed", occurredAt: d("2013-04-08"), actor: esw, startingStage: stage, autonomyStage: stage.startsWith("intermediate_work") ? "intermediate_work" : stage }
  ],
  planned: (stage = "social_life"): ReadonlyArray<Case.Event> => [...history.assessed(stage), { _tag: "PlanDrafted", occurredAt: d("2013-04-15"), actor: esw, planId: "plan-1", goals: ["work"], revision: 1 }],
  coordinated: (stage = "social_life"): ReadonlyArray<Case.Event> => [
    ...history.planned(stage),
    { _tag: "CoordinationMeetingHeld", occurredAt: d("2013-04-22"), actor: cw, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] }
  ],
  decided: (stage = "social_life", opts: { readonly authorised?: ReadonlyArray<string>; readonly birthDate?: Period.LocalDate; readonly publicAssistance?: boolean } = {}): ReadonlyArray<Case.Event> => [
    ...history.assessed(stage, opts),
    { _tag: "PlanDrafted", occurredAt: d("2013-04-15"), actor: esw, planId: "plan-1", goals: ["work"], revision: 1 },
    { _tag: "CoordinationMeetingHeld", occurredAt: d("2013-04-22"), actor: cw, planId: "plan-1", outcome: "approved", participants: ["municipality", "hello_work"] },
    { _tag: "SupportDecided", occurredAt: d("2013-04-23"), actor: cw, planId: "plan-1", services: ["employment_support"], authorisedStages: opts.authorised ?? [] }
  ],
  monitoring: (stage = "social_life"): ReadonlyArray<Case.Event> => [
    ...history.decided(stage),
    { _tag: "DeliveryStarted", occurredAt: d("2013-04-24"), actor: esw },
    { _tag: "Monitored", occurredAt: d("2013-06-01"), actor: esw }
  ]
}

export type CommandOf<T extends Case.Command["_tag"]> = Extract<Case.Command, { readonly _tag: T }>
export type EventOf<T extends Case.Event["_tag"]> = Extract<Case.Event, { readonly _tag: T }>

/** The placement the placement tests start from (就職: job-1 at Koga Foods from 2013-06-01, not disclosed), with overrides. */
export const placement = (over: Partial<CommandOf<"RecordPlacement">> = {}): CommandOf<"RecordPlacement"> => ({
  _tag: "RecordPlacement",
  occurredAt: d("2013-05-20"),
  actor: nav,
  placementId: "job-1",
  employer: "Koga Foods",
  startDate: d("2013-06-01"),
  hoursPerWeek: 30,
  disclosure: "not_disclosed",
  ...over
})

/** The event that records {@link placement} when no consent is asked, with overrides. */
export const placementRecorded = (over: Partial<EventOf<"PlacementRecorded">> = {}): EventOf<"PlacementRecorded"> => {
  const { consent: _consent, ...command } = placement()
  return { ...command, _tag: "PlacementRecorded", consentRecordIds: [], ...over }
}
