// Stages benchmark: a case's decide + evolve on a realistic command mix, against xstate 5 running a
// machine with the same stage graph and the same guards, in the same run; and folding 1M events
// into case states.
//
// The mix: 2,000 generated case journeys (≈ 30 commands each) through the whole lifecycle — intake,
// assessment, plan (sometimes revised), coordination meeting, support decision, delivery, stage
// moves along the Kushiro graph (forward, skip, regressions), Hello Work referrals with consent,
// failed searches returning to intermediate work, placements, follow-ups at 1/3/6/12 months,
// separations with re-support, welfare exits, evaluation and closure — with about 6 % invalid
// commands mixed in (unknown reason code, date before the previous event, Hello Work referral
// without consent, unknown referral), which both systems must refuse.
//
// jiritsu: `Case.decide(state, command)` then `Case.evolve` for each accepted event.
// xstate: one actor per case, created and started before the clock starts; `actor.send(event)` is
// what is timed. The machine is a parallel statechart (lifecycle region + stage region generated
// from `Stage.kushiroGraph`) whose guards check the same rules: phase, date order, edge + reason
// code, authorisation of paid work training, consent for Hello Work and for disclosure, referral and
// placement existence, follow-up milestones and windows, the neutral-pretext rule, age ranges.
// Both runs are checked to end in the same stage and phase for every case before timing counts.
import { and, assign, createActor, setup, type AnyActorLogic, type AnyActorRef } from "xstate"
import { Case, Period, Stage } from "@jiritsu/core"
import { machine, measured, milliseconds, perSecond, type Samples, timeSync, timeSyncWith, writeReport } from "./report.ts"
import { prng } from "./prng.ts"

const CASES = 2_000
const FOLD_EVENTS = 1_000_000
const ROUNDS = 7

// bench depends on @jiritsu/core only; a decision is a Result from effect, told apart by its tag.
type Decision = ReturnType<typeof Case.decide>
type Accepted = Extract<Decision, { readonly _tag: "Success" }>
const accepted = (r: Decision): r is Accepted => r._tag === "Success"


// ---------------------------------------------------------------------------------------------
// Command mix
// ---------------------------------------------------------------------------------------------

const cw: Case.Actor = { organisation: "municipality", role: "caseworker" }
const esw: Case.Actor = { organisation: "consultation_agency", role: "employment_support_worker" }
const nav: Case.Actor = { organisation: "hello_work", role: "hw_navigator" }
const permit: Case.ConsentDecision = { _tag: "Permit", recordIds: ["consent-1"] }
const graph = Stage.kushiroGraph

/** Drives one journey with the decider itself so that the recorded commands are realistic. */
export const journey = (rand: () => number, n: number): ReadonlyArray<Case.Command> => {
  const commands: Array<Case.Command> = []
  let state = Case.initial
  let day = Period.addDays(Period.unsafeDate("2013-04-01"), Math.floor(rand() * 700))
  const next = (min = 1, spread = 30): Period.LocalDate => (day = Period.addDays(day, min + Math.floor(rand() * spread)))
  const send = (c: Case.Command): boolean => {
    commands.push(c)
    const r = Case.decide(state, c)
    if (!accepted(r)) return false
    state = Case.replay(r.success, state)
    return true
  }
  const noise = (): void => {
    if (rand() >= 0.06) return
    const pick = rand()
    if (pick < 0.3) send({ _tag: "MoveStage", occurredAt: day, actor: esw, to: "employment", reason: "bribe" })
    else if (pick < 0.55) send({ _tag: "RecordMonitoring", occurredAt: Period.addDays(day, -20), actor: esw })
    else if (pick < 0.8) send({ _tag: "Refer", occurredAt: day, actor: esw, referralId: `r-x${commands.length}`, destination: "hello_work" })
    else send({ _tag: "RecordReferralOutcome", occurredAt: day, actor: esw, referralId: "r-missing", outcome: "placed" })
  }
  const entry = ["daily_living", "social_life", "social_life", "intermediate_work_unpaid", "intermediate_work_unpaid", "employment"][Math.floor(rand() * 6)]!
  send({ _tag: "OpenCase", occurredAt: day, actor: cw, caseId: `c-${n}`, subjectId: `p-${n}`, publicAssistance: rand() < 0.8, birthDate: Period.addDays(Period.unsafeDate("1955-01-01"), Math.floor(rand() * 15000)) })
  if (rand() < 0.1) send({ _tag: "ProvideEmergencySupport", occurredAt: next(0, 3), actor: esw, kind: "food" })
  send({ _tag: "Assess", occurredAt: next(), actor: esw, startingStage: entry })
  send({ _tag: "DraftPlan", occurredAt: next(), actor: esw, planId: "plan-1", goals: ["work"] })
  if (rand() < 0.1) {
    send({ _tag: "HoldCoordinationMeeting", occurredAt: next(), actor: cw, planId: "plan-1", outcome: "revise", participants: ["municipality"] })
    send({ _tag: "DraftPlan", occurredAt: next(), actor: esw, planId: "plan-2", goals: ["work"] })
  }
  const planId = state.planId ?? "plan-1"
  send({ _tag: "HoldCoordinationMeeting", occurredAt: next(), actor: cw, planId, outcome: "approved", participants: ["municipality", "hello_work"] })
  send({ _tag: "DecideSupport", occurredAt: next(0, 3), actor: cw, planId, services: ["employment_support"], authorisedStages: rand() < 0.3 ? ["intermediate_work_paid"] : [] })
  send({ _tag: "StartDelivery", occurredAt: next(0, 7), actor: esw })
  let placements = 0
  let referrals = 0
  for (let step = 0; step < 14 && state.phase !== "closed"; step++) {
    noise()
    const stage = state.stage!
    if (stage === "employment") {
      referrals++
      const referralId = `r-${referrals}`
      if (!send({ _tag: "Refer", occurredAt: next(), actor: esw, referralId, destination: "hello_work", channel: "desk", consent: rand() < 0.95 ? permit : { _tag: "Deny", reason: "withdrawn" } })) continue
      if (rand() < 0.4) {
        send({ _tag: "RecordReferralOutcome", occurredAt: next(20, 60), actor: nav, referralId, outcome: "not_placed", returnTo: { stage: "intermediate_work_unpaid", reason: "job_search_failed" } })
        continue
      }
      send({ _tag: "RecordReferralOutcome", occurredAt: next(10, 40), actor: nav, referralId, outcome: "placed" })
      placements++
      const placementId = `job-${placements}`
      const disclosed = rand() < 0.5
      const startDate = Period.addDays(day, 7)
      send({ _tag: "RecordPlacement", occurredAt: day, actor: nav, placementId, employer: `employer-${Math.floor(rand() * 500)}`, startDate, hoursPerWeek: 20 + Math.floor(rand() * 20), disclosure: disclosed ? "disclosed" : "not_disclosed", referralId, ...(disclosed ? { consent: permit } : {}) })
      let separated = false
      for (const milestone of Case.followUpMilestones) {
        const due = Period.addMonths(startDate, milestone)
        if (rand() < 0.12) {
          day = Period.maxDate(day, Period.addDays(due, -20))
          send({ _tag: "RecordSeparation", occurredAt: day, actor: esw, placementId, reason: "resigned", returnTo: { stage: "intermediate_work_unpaid", reason: "separated" } })
          separated = true
          break
        }
        day = Period.maxDate(day, Period.addDays(due, Math.floor(rand() * 10)))
        send({ _tag: "RecordFollowUp", occurredAt: day, actor: nav, placementId, milestone, contact: disclosed ? "employer" : "employer_neutral_pretext", stillEmployed: true })
        if (milestone === 3 && state.publicAssistance && rand() < 0.4) send({ _tag: "RecordWelfareExit", occurredAt: next(0, 5), actor: cw, reason: "employment_income", placementId })
      }
      if (!separated) break
      continue
    }
    const edges = Stage.outgoing(graph, stage).filter((e) => e.kind !== "regression" || rand() < 0.3)
    const candidates = edges.filter((e) => Stage.node(graph, e.to)?.requiresDecision !== true || state.authorisedStages.includes(e.to))
    const e = candidates[Math.floor(rand() * candidates.length)]
    if (e !== undefined) send({ _tag: "MoveStage", occurredAt: next(10, 60), actor: esw, to: e.to, reason: e.reasons[Math.floor(rand() * e.reasons.length)]!, evidence: ["record"] })
    if (rand() < 0.3) send({ _tag: "RecordMonitoring", occurredAt: next(), actor: esw })
  }
  if (state.phase === "delivery") send({ _tag: "RecordMonitoring", occurredAt: next(), actor: esw })
  send({ _tag: "Evaluate", occurredAt: next(), actor: esw, outcome: "close" })
  send({ _tag: "CloseCase", occurredAt: next(), actor: cw, reason: "evaluated" })
  return commands
}

// ---------------------------------------------------------------------------------------------
// The xstate machine: same graph, same guards
// ---------------------------------------------------------------------------------------------

interface Ctx {
  readonly stage: string
  readonly openedAt: string
  readonly last: string
  readonly planId: string | undefined
  readonly supportDecided: boolean
  readonly evaluation: "continue" | "close" | undefined
  readonly authorised: ReadonlyArray<string>
  readonly publicAssistance: boolean
  readonly birthDate: string | undefined
  readonly referrals: ReadonlyArray<{ readonly id: string; readonly status: string }>
  readonly placements: ReadonlyArray<{ readonly id: string; readonly start: string; readonly disclosure: string; readonly separated: string | undefined; readonly done: ReadonlyArray<number> }>
}

type Ev = Case.Command & { readonly type: Case.Command["_tag"] }
type Args = { readonly context: Ctx; readonly event: Ev }

const emptyCtx: Ctx = { stage: "unassessed", openedAt: "", last: "", planId: undefined, supportDecided: false, evaluation: undefined, authorised: [], publicAssistance: false, birthDate: undefined, referrals: [], placements: [] }

const roleOk = (ev: Ev): boolean =>
  !(ev.actor.role === "hw_navigator" && ev.actor.organisation !== "hello_work") && !(ev.actor.role === "caseworker" && ev.actor.organisation !== "municipality")
const dateOk = ({ context, event }: Args): boolean => roleOk(event) && event.occurredAt >= context.openedAt && event.occurredAt >= context.last
const permits = (c: Case.ConsentDecision | undefined): boolean => c?._tag === "Permit"
const edgeOk = (context: Ctx, from: string, e: Stage.StageEdge, to: string, reason: string): boolean =>
  to === e.to && e.from === from && e.reasons.includes(reason) && context.supportDecided && (Stage.node(graph, to)?.requiresDecision !== true || context.authorised.includes(to))
const referralOf = (context: Ctx, id: string) => context.referrals.find((r) => r.id === id)
const placementOf = (context: Ctx, id: string) => context.placements.find((p) => p.id === id)
const outcomeOk = (context: Ctx, ev: Extract<Ev, { _tag: "RecordReferralOutcome" }>): boolean => {
  const r = referralOf(context, ev.referralId)
  return r !== undefined && (r.status === "open" || (r.status === "accepted" && ev.outcome !== "accepted"))
}
const separationOk = (context: Ctx, ev: Extract<Ev, { _tag: "RecordSeparation" }>): boolean => {
  const p = placementOf(context, ev.placementId)
  return p !== undefined && p.separated === undefined && ev.occurredAt >= p.start
}
const ageOk = (context: Ctx, ev: Extract<Ev, { _tag: "Refer" }>): boolean => {
  if (context.birthDate === undefined) return true
  const age = Period.ageAt(context.birthDate as Period.LocalDate, ev.occurredAt)
  return ev.destination === "silver_center" ? age >= 60 : ev.destination === "youth_support_station" ? age >= 15 && age <= 49 : true
}

const touch = assign(({ event }: Args) => ({ last: event.occurredAt }))

const buildMachine = () => {
  // Stage region: one state per graph node; the edges (with reason guards) are generated from the graph.
  const stageStates: Record<string, object> = {
    unassessed: {
      on: {
        Assess: graph.entry.map((id) => ({ target: id, guard: ({ context, event }: Args) => dateOk({ context, event }) && (event as Extract<Ev, { _tag: "Assess" }>).startingStage === id, actions: assign({ stage: id }) }))
      }
    }
  }
  for (const n of graph.nodes) {
    const out = Stage.outgoing(graph, n.id)
    stageStates[n.id] = {
      on: {
        MoveStage: out.map((e) => ({
          target: e.to,
          guard: ({ context, event }: Args) => {
            const ev = event as Extract<Ev, { _tag: "MoveStage" }>
            return dateOk({ context, event }) && edgeOk(context, n.id, e, ev.to, ev.reason)
          },
          actions: assign({ stage: e.to })
        })),
        RecordReferralOutcome: out.map((e) => ({
          target: e.to,
          guard: ({ context, event }: Args) => {
            const ev = event as Extract<Ev, { _tag: "RecordReferralOutcome" }>
            return ev.returnTo !== undefined && dateOk({ context, event }) && outcomeOk(context, ev) && edgeOk(context, n.id, e, ev.returnTo.stage, ev.returnTo.reason)
          },
          actions: assign({ stage: e.to })
        })),
        RecordSeparation: out.map((e) => ({
          target: e.to,
          guard: ({ context, event }: Args) => {
            const ev = event as Extract<Ev, { _tag: "RecordSeparation" }>
            return ev.returnTo !== undefined && dateOk({ context, event }) && separationOk(context, ev) && edgeOk(context, n.id, e, ev.returnTo.stage, ev.returnTo.reason)
          },
          actions: assign({ stage: e.to })
        })),
        CloseCase: { target: "unassessed", guard: ({ context, event }: Args) => dateOk({ context, event }) && closeOk(context, event), actions: assign({ stage: "unassessed" }) }
      }
    }
  }
  const closeOk = (context: Ctx, event: Ev): boolean => {
    const ev = event as Extract<Ev, { _tag: "CloseCase" }>
    return ev.reason !== "evaluated" || context.evaluation === "close"
  }
  const during = (guard: (a: Args) => boolean, update?: (a: Args) => Partial<Ctx>) => ({
    guard: ({ context, event }: Args) => dateOk({ context, event }) && guard({ context, event }),
    actions: assign(({ context, event }: Args) => ({ ...(update ? update({ context, event }) : {}), last: event.occurredAt }))
  })
  const supportActions = {
    ProvideEmergencySupport: during(() => true),
    Refer: during(
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "Refer" }>
        return context.supportDecided && referralOf(context, ev.referralId) === undefined && ageOk(context, ev) && (ev.destination !== "hello_work" || permits(ev.consent))
      },
      ({ context, event }) => ({ referrals: [...context.referrals, { id: (event as Extract<Ev, { _tag: "Refer" }>).referralId, status: "open" }] })
    ),
    RecordReferralOutcome: during(
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordReferralOutcome" }>
        const r = ev.returnTo
        const e = r === undefined ? undefined : Stage.edge(graph, context.stage, r.stage)
        return outcomeOk(context, ev) && (r === undefined || (e !== undefined && edgeOk(context, context.stage, e, r.stage, r.reason)))
      },
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordReferralOutcome" }>
        return { referrals: context.referrals.map((r) => (r.id === ev.referralId ? { ...r, status: ev.outcome } : r)) }
      }
    ),
    RecordPlacement: during(
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordPlacement" }>
        return context.supportDecided && placementOf(context, ev.placementId) === undefined && ev.startDate >= context.openedAt && (ev.referralId === undefined || referralOf(context, ev.referralId) !== undefined) && (ev.disclosure !== "disclosed" || permits(ev.consent))
      },
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordPlacement" }>
        return { placements: [...context.placements, { id: ev.placementId, start: ev.startDate, disclosure: ev.disclosure, separated: undefined, done: [] }] }
      }
    ),
    RecordFollowUp: followUp(),
    RecordSeparation: during(
      ({ context, event }) => separationOk(context, event as Extract<Ev, { _tag: "RecordSeparation" }>),
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordSeparation" }>
        return { placements: context.placements.map((p) => (p.id === ev.placementId ? { ...p, separated: ev.occurredAt } : p)) }
      }
    ),
    RecordWelfareExit: during(({ context }) => context.publicAssistance, () => ({ publicAssistance: false })),
    MoveStage: { actions: touch }
  }
  function followUp() {
    return during(
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordFollowUp" }>
        const p = placementOf(context, ev.placementId)
        return (
          p !== undefined &&
          p.separated === undefined &&
          ev.occurredAt >= p.start &&
          !p.done.includes(ev.milestone) &&
          ev.occurredAt >= Period.addDays(Period.addMonths(p.start as Period.LocalDate, ev.milestone), -14) &&
          !(ev.contact === "employer" && p.disclosure === "not_disclosed")
        )
      },
      ({ context, event }) => {
        const ev = event as Extract<Ev, { _tag: "RecordFollowUp" }>
        return { placements: context.placements.map((p) => (p.id === ev.placementId ? { ...p, done: [...p.done, ev.milestone] } : p)) }
      }
    )
  }

  const machine = setup({ types: { context: {} as Ctx, events: {} as Ev } }).createMachine({
    id: "case",
    type: "parallel",
    context: emptyCtx,
    states: {
      lifecycle: {
        initial: "none",
        states: {
          none: {
            on: {
              OpenCase: {
                target: "open",
                guard: ({ event }: Args) => roleOk(event),
                actions: assign(({ event }: Args) => {
                  const ev = event as Extract<Ev, { _tag: "OpenCase" }>
                  return { ...emptyCtx, openedAt: ev.occurredAt, last: ev.occurredAt, publicAssistance: ev.publicAssistance, birthDate: ev.birthDate }
                })
              }
            }
          },
          open: {
            initial: "intake",
            on: {
              ...supportActions,
              CloseCase: { target: "closed", guard: ({ context, event }: Args) => dateOk({ context, event }) && closeOk(context, event), actions: touch }
            },
            states: {
              intake: {
                on: {
                  Assess: { target: "assessed", guard: ({ context, event }: Args) => dateOk({ context, event }) && graph.entry.includes((event as Extract<Ev, { _tag: "Assess" }>).startingStage), actions: touch },
                  HoldPreConsultation: during(({ event }) => permits((event as Extract<Ev, { _tag: "HoldPreConsultation" }>).consent))
                }
              },
              assessed: {
                on: {
                  DraftPlan: { target: "planned", guard: dateOk, actions: assign(({ event }: Args) => ({ last: event.occurredAt, planId: (event as Extract<Ev, { _tag: "DraftPlan" }>).planId, evaluation: undefined })) },
                  HoldPreConsultation: during(({ event }) => permits((event as Extract<Ev, { _tag: "HoldPreConsultation" }>).consent))
                }
              },
              planned: {
                on: {
                  DraftPlan: { target: "planned", guard: dateOk, actions: assign(({ event }: Args) => ({ last: event.occurredAt, planId: (event as Extract<Ev, { _tag: "DraftPlan" }>).planId })) },
                  HoldCoordinationMeeting: [
                    { target: "coordinated", guard: and([dateOk, ({ context, event }: Args) => { const ev = event as Extract<Ev, { _tag: "HoldCoordinationMeeting" }>; return ev.planId === context.planId && ev.outcome === "approved" }]), actions: touch },
                    { guard: and([dateOk, ({ context, event }: Args) => (event as Extract<Ev, { _tag: "HoldCoordinationMeeting" }>).planId === context.planId]), actions: touch }
                  ]
                }
              },
              coordinated: {
                on: {
                  DecideSupport: {
                    target: "decided",
                    guard: ({ context, event }: Args) => {
                      const ev = event as Extract<Ev, { _tag: "DecideSupport" }>
                      return dateOk({ context, event }) && ev.actor.organisation === "municipality" && ev.planId === context.planId && ev.authorisedStages.every((s) => Stage.node(graph, s) !== undefined)
                    },
                    actions: assign(({ event }: Args) => ({ last: event.occurredAt, supportDecided: true, authorised: (event as Extract<Ev, { _tag: "DecideSupport" }>).authorisedStages }))
                  }
                }
              },
              decided: { on: { StartDelivery: { target: "delivery", guard: dateOk, actions: touch } } },
              delivery: { on: { RecordMonitoring: { target: "monitoring", guard: dateOk, actions: touch } } },
              monitoring: {
                on: {
                  RecordMonitoring: { target: "monitoring", guard: dateOk, actions: touch },
                  Evaluate: { target: "evaluated", guard: dateOk, actions: assign(({ event }: Args) => ({ last: event.occurredAt, evaluation: (event as Extract<Ev, { _tag: "Evaluate" }>).outcome })) }
                }
              },
              evaluated: {
                on: {
                  DraftPlan: { target: "planned", guard: ({ context, event }: Args) => dateOk({ context, event }) && context.evaluation === "continue", actions: assign(({ event }: Args) => ({ last: event.occurredAt, planId: (event as Extract<Ev, { _tag: "DraftPlan" }>).planId, evaluation: undefined })) }
                }
              }
            }
          },
          closed: {
            on: {
              ReopenCase: { target: "open", guard: ({ context, event }: Args) => dateOk({ context, event }) && (event as Extract<Ev, { _tag: "ReopenCase" }>).reason.trim() !== "", actions: assign(({ event }: Args) => ({ last: event.occurredAt, supportDecided: false, authorised: [], planId: undefined, evaluation: undefined })) },
              RecordFollowUp: supportActions.RecordFollowUp,
              RecordSeparation: supportActions.RecordSeparation
            }
          }
        }
      },
      stage: { initial: "unassessed", states: stageStates }
    }
  } as never)
  return machine
}

// ---------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------

const runJiritsu = (journeys: ReadonlyArray<ReadonlyArray<Case.Command>>): ReadonlyArray<Case.CaseState> => {
  const out: Array<Case.CaseState> = []
  for (const commands of journeys) {
    let state = Case.initial
    for (const c of commands) {
      const r = Case.decide(state, c)
      if (accepted(r)) for (const e of r.success) state = Case.evolve(state, e)
    }
    out.push(state)
  }
  return out
}

const startActor = (logic: unknown): AnyActorRef => (createActor as (l: AnyActorLogic) => AnyActorRef)(logic as AnyActorLogic).start() as unknown as AnyActorRef


// ---------------------------------------------------------------------------------------------
// Stage moves only: the graph and its reason guards, nothing else (the lean machine xstate is
// usually measured with), against Case.decide + evolve on MoveStage commands.
// ---------------------------------------------------------------------------------------------

const WALKS = 5_000
const WALK_LENGTH = 40

const stageWalks = (rand: () => number): ReadonlyArray<{ readonly entry: string; readonly moves: ReadonlyArray<Case.Command> }> =>
  Array.from({ length: WALKS }, () => {
    const entry = graph.entry[Math.floor(rand() * graph.entry.length)]!
    let at = entry
    let day = Period.unsafeDate("2014-04-01")
    const moves: Array<Case.Command> = []
    for (let i = 0; i < WALK_LENGTH; i++) {
      const out = Stage.outgoing(graph, at).filter((e) => e.to !== "intermediate_work_paid")
      const e = out[Math.floor(rand() * out.length)]!
      day = Period.addDays(day, 1 + Math.floor(rand() * 20))
      const bad = rand() < 0.05
      moves.push({ _tag: "MoveStage", occurredAt: day, actor: esw, to: e.to, reason: bad ? "bribe" : e.reasons[Math.floor(rand() * e.reasons.length)]! })
      if (!bad) at = e.to
    }
    return { entry, moves }
  })

const inDelivery = (entry: string): Case.CaseState =>
  Case.replay([
    { _tag: "CaseOpened", occurredAt: Period.unsafeDate("2014-03-01"), actor: cw, caseId: "c", subjectId: "p", publicAssistance: true },
    { _tag: "Assessed", occurredAt: Period.unsafeDate("2014-03-02"), actor: esw, startingStage: entry, autonomyStage: Stage.node(graph, entry)!.stage },
    { _tag: "PlanDrafted", occurredAt: Period.unsafeDate("2014-03-03"), actor: esw, planId: "p", goals: [], revision: 1 },
    { _tag: "CoordinationMeetingHeld", occurredAt: Period.unsafeDate("2014-03-04"), actor: cw, planId: "p", outcome: "approved", participants: [] },
    { _tag: "SupportDecided", occurredAt: Period.unsafeDate("2014-03-05"), actor: cw, planId: "p", services: [], authorisedStages: [] },
    { _tag: "DeliveryStarted", occurredAt: Period.unsafeDate("2014-03-06"), actor: esw }
  ])

const stageOnlyMachine = (entry: string) =>
  setup({ types: { context: {} as { readonly last: string }, events: {} as { readonly type: "MoveStage"; readonly to: string; readonly reason: string; readonly occurredAt: string } } }).createMachine({
    id: "stages",
    initial: entry,
    context: { last: "" },
    states: Object.fromEntries(
      graph.nodes.map((n) => [
        n.id,
        {
          on: {
            MoveStage: Stage.outgoing(graph, n.id).map((e) => ({
              target: e.to,
              guard: ({ context, event }: { readonly context: { readonly last: string }; readonly event: { readonly to: string; readonly reason: string; readonly occurredAt: string } }) =>
                event.to === e.to && e.reasons.includes(event.reason) && event.occurredAt >= context.last,
              actions: assign(({ event }: { readonly event: { readonly occurredAt: string } }) => ({ last: event.occurredAt }))
            }))
          }
        }
      ])
    )
  } as never)

const measureStageOnly = (): { readonly ours: Samples; readonly theirs: Samples; readonly agree: number; readonly moves: number } => {
  const walks = stageWalks(prng(42))
  const moves = walks.length * WALK_LENGTH
  const starts = new Map(graph.entry.map((e) => [e, inDelivery(e)]))
  const machines = new Map(graph.entry.map((e) => [e, stageOnlyMachine(e)]))
  const xWalks = walks.map((w) => w.moves.map((m) => ({ ...m, type: m._tag })))
  let agree = 0
  for (let i = 0; i < walks.length; i++) {
    let state = starts.get(walks[i]!.entry)!
    for (const m of walks[i]!.moves) {
      const r = Case.decide(state, m)
      if (accepted(r)) state = Case.replay(r.success, state)
    }
    const actor = startActor(machines.get(walks[i]!.entry)!)
    for (const ev of xWalks[i]!) actor.send(ev)
    if (actor.getSnapshot().value === state.stage) agree++
  }
  const ours = timeSync(ROUNDS, () => {
    for (let i = 0; i < walks.length; i++) {
      let state = starts.get(walks[i]!.entry)!
      for (const m of walks[i]!.moves) {
        const r = Case.decide(state, m)
        if (accepted(r)) for (const e of r.success) state = Case.evolve(state, e)
      }
    }
  })
  const theirs = timeSyncWith(
    ROUNDS,
    () => walks.map((w) => startActor(machines.get(w.entry)!)),
    (actors) => {
      for (let i = 0; i < walks.length; i++) {
        const actor = actors[i]!
        for (const ev of xWalks[i]!) actor.send(ev)
      }
    }
  )
  return { ours, theirs, agree, moves }
}

export async function main(): Promise<void> {
  const startedOn = machine()
  // Fold 1M events into case states (first, on a fresh heap).
  const eventLogs: Array<ReadonlyArray<Case.Event>> = []
  let total = 0
  const foldRand = prng(7)
  for (let n = 0; total < FOLD_EVENTS; n++) {
    let state = Case.initial
    const events: Array<Case.Event> = []
    for (const c of journey(foldRand, n)) {
      const r = Case.decide(state, c)
      if (accepted(r)) for (const e of r.success) (state = Case.evolve(state, e), events.push(e))
    }
    eventLogs.push(events)
    total += events.length
  }
  let sink = 0
  const fold = timeSync(ROUNDS, () => {
    for (const events of eventLogs) sink += Case.replay(events).version
  })
  // Baseline: the same fold written the obvious way, one immutable state per event.
  const naive = timeSync(5, () => {
    for (const events of eventLogs) sink += events.reduce(Case.evolve, Case.initial).version
  })
  if (sink !== total * (ROUNDS + 1 + 5 + 1)) throw new Error("fold lost events")

  const rand = prng(20131101)
  const journeys = Array.from({ length: CASES }, (_, i) => journey(rand, i))
  const commandCount = journeys.reduce((n, j) => n + j.length, 0)
  const xEvents = journeys.map((j) => j.map((c) => ({ ...c, type: c._tag }) as Ev))
  const machine_ = buildMachine()

  // Same answers first: both must end every case in the same stage region and lifecycle phase.
  const finals = runJiritsu(journeys)
  let agreeing = 0
  for (let i = 0; i < CASES; i++) {
    const actor = startActor(machine_)
    for (const ev of xEvents[i]!) actor.send(ev)
    const value = actor.getSnapshot().value as { lifecycle: string | Record<string, string>; stage: string }
    const phase = typeof value.lifecycle === "string" ? value.lifecycle : Object.values(value.lifecycle)[0]
    const ours = finals[i]!
    if (value.stage === (ours.stage ?? "unassessed") && (phase === ours.phase || (ours.phase === "none" && phase === "none"))) agreeing++
  }

  const ourMix = timeSync(ROUNDS, () => {
    runJiritsu(journeys)
  })
  const theirMix = timeSyncWith(
    ROUNDS,
    () => xEvents.map(() => startActor(machine_)),
    (actors) => {
      for (let i = 0; i < CASES; i++) {
        const actor = actors[i]!
        for (const ev of xEvents[i]!) actor.send(ev)
      }
    }
  )

  let refused = 0
  for (const commands of journeys) {
    let state = Case.initial
    for (const c of commands) {
      const r = Case.decide(state, c)
      if (!accepted(r)) refused++
      else state = Case.replay(r.success, state)
    }
  }
  const stageOnly = measureStageOnly()
  writeReport(
    "stages",
    [
      measured({
        case: "decide+evolve-command-mix",
        unit: "ops/s",
        higherIsBetter: true,
        value: perSecond(commandCount),
        cpu: true,
        sides: { jiritsu: ourMix, xstate: theirMix },
        note:
          `commands/s over ${commandCount} commands in ${CASES} case journeys; cpu: per CPU-second of the process (all threads, so the garbage collector's work counts). ` +
          `jiritsu: Case.decide then Case.evolve per accepted event, returning each case's state and its events or a typed refusal; xstate: actor.send on pre-started actors ` +
          `(created outside the clock) of a parallel machine with the same graph and guards, returning the snapshot. Final stage and phase agree on ${agreeing}/${CASES} cases; ` +
          `${refused} commands are refused by both. Goal: ≥ 10× xstate on CPU time`
      }),
      measured({
        case: "decide+evolve-stage-moves-only",
        unit: "ops/s",
        higherIsBetter: true,
        value: perSecond(stageOnly.moves),
        cpu: true,
        sides: { jiritsu: stageOnly.ours, xstate: stageOnly.theirs },
        note: `moves/s: ${stageOnly.moves} MoveStage commands (${WALKS} random walks of ${WALK_LENGTH} moves on the Kushiro graph, 5 % with a wrong reason code); xstate: a flat machine of the graph with reason and date guards only; jiritsu still runs every case rule (phase, support decision, dates, edge, reason, authorisation); final stage agrees on ${stageOnly.agree}/${WALKS} walks`
      }),
      measured({
        case: "fold-1M-events",
        unit: "ms",
        higherIsBetter: false,
        value: milliseconds,
        cpu: true,
        sides: { jiritsu: fold, baseline: naive },
        note: `ms to fold ${total} events of ${eventLogs.length} cases into their states. jiritsu: Case.replay per case; baseline: events.reduce(Case.evolve, Case.initial), a new state per event. Goal: < 200 ms median`
      })
    ],
    startedOn
  )
}
