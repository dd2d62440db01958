// Command family "stages" (段階の移行): moving the person along an edge of the stage graph, with a
// reason code the edge allows and evidence. `planMove` is also how a referral's return or
// re-support after leaving a job moves the stage (internal/caseReferrals.ts, casePlacements.ts).
import { Result } from "effect"
import type * as Period from "../Period.ts"
import * as Stage from "../Stage.ts"
import type { Actor, CaseState, Command, Event } from "./caseModel.ts"
import { accept, needsSupportDecision, type DecideEnv, type FamilyDecide } from "./caseDecide.ts"
import { closeOpenStay, writableHistory, type FamilyEvolve } from "./caseFold.ts"
import { moveRefusalAt, phaseRefusal, refuse, type Path, type Refusal } from "./caseRefusal.ts"

export const commandTags = ["MoveStage"] as const satisfies ReadonlyArray<Command["_tag"]>
export type StageCommand = Extract<Command, { readonly _tag: (typeof commandTags)[number] }>

export const eventTags = ["StageMoved"] as const satisfies ReadonlyArray<Event["_tag"]>
export type StageEvent = Extract<Event, { readonly _tag: (typeof eventTags)[number] }>

/** What a stage move asks for: the target stage, the reason code, evidence references. */
export interface MoveRequest {
  readonly to: string
  readonly reason: string
  readonly evidence?: ReadonlyArray<string> | undefined
  readonly occurredAt: Period.LocalDate
  readonly actor: Actor
}

/**
 * Checks a stage move from the current stage and builds its event: the target is a stage of the
 * graph, an edge leads there, the reason is one of the edge's, and a stage that needs the
 * municipality's decision was authorised by it. Refusals point at `[...path, "stage" | "reason"]`.
 */
export const planMove = (state: CaseState, move: MoveRequest, { graph }: DecideEnv, path: Path): Result.Result<StageEvent, Refusal> => {
  const { to, reason, evidence, occurredAt, actor } = move
  const from = state.stage
  if (from === undefined) return phaseRefusal("MoveStage", state.phase, ["assessed"])
  const target = Stage.node(graph, to)
  if (target === undefined) {
    return refuse("UnknownStage", [...path, "stage"], `"${to}" is not a stage of graph "${graph.id}"`, `「${to}」は段階グラフ「${graph.id}」にない段階です`, { stage: to, graph: graph.id })
  }
  const e = Stage.edge(graph, from, to)
  if (e === undefined) {
    return refuse("EdgeNotInGraph", [...path, "stage"], `graph "${graph.id}" has no move ${from} → ${to}`, `段階グラフ「${graph.id}」に ${from} → ${to} の移行はありません`, { from, to, graph: graph.id })
  }
  if (reason.trim() === "") {
    return refuse("MissingReason", [...path, "reason"], `the move ${from} → ${to} needs a reason code (one of ${e.reasons.join(", ")})`, `${from} → ${to} の移行には理由コードが必要です`, {})
  }
  if (!e.reasons.includes(reason)) {
    return refuse("ReasonNotAllowed", [...path, "reason"], `"${reason}" does not justify ${from} → ${to} (allowed: ${e.reasons.join(", ")})`, `「${reason}」は ${from} → ${to} の理由として認められていません`, {
      from,
      to,
      reason,
      allowed: e.reasons
    })
  }
  if (target.requiresDecision === true && !state.authorisedStages.includes(to)) {
    return refuse("StageNotAuthorised", [...path, "stage"], `entering "${to}" needs a support decision by the municipality naming it`, `「${to}」への移行には自治体の支援決定が必要です`, { stage: to })
  }
  return Result.succeed({ _tag: "StageMoved", occurredAt, actor, from, to, autonomyStage: target.stage, kind: e.kind, reason, evidence: evidence ?? [] })
}

/** Decides a stage move: an open case with a support decision, then {@link planMove} (refusals point at `to`). */
export const decide: FamilyDecide<StageCommand> = (state, command, env) => {
  const notDecided = needsSupportDecision(state, command._tag)
  if (notDecided !== undefined) return notDecided
  const moved = planMove(state, command, env, [])
  if (Result.isFailure(moved)) return moveRefusalAt(moved.failure, "to")
  return accept(moved.success)
}

/** Closes the open stay and opens one in the target stage. */
export const evolve: FamilyEvolve<StageEvent> = (next, event, owned) => {
  next.stage = event.to
  const history = writableHistory(next, owned)
  closeOpenStay(history, event.occurredAt)
  history.push({
    stage: event.to,
    autonomyStage: event.autonomyStage,
    from: event.occurredAt,
    until: undefined,
    kind: event.kind,
    reason: event.reason,
    episode: next.episode
  })
}
