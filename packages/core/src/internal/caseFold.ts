// The fold behind Case.evolve and Case.replay: one draft state written in place, with arrays
// copied once, the first time the fold changes them. Each command family's evolve writes its own
// events into the draft through these helpers.
import type * as Period from "../Period.ts"
import type { Draft, Event, Placement, Referral, StageInterval } from "./caseModel.ts"

/**
 * Which of the draft's arrays were created by the current fold and so may be written in place.
 * `evolve` owns none (every change copies); `replay` copies each array once, the first time it
 * changes, and appends in place afterwards — the arrays of the state it started from, and of every
 * state handed out before, are never touched.
 */
export interface Owned {
  history: boolean
  referrals: boolean
  placements: boolean
}

export const ownedNothing = (): Owned => ({ history: false, referrals: false, placements: false })

export const writableHistory = (next: Draft, owned: Owned): Array<StageInterval> => {
  if (!owned.history) {
    next.stageHistory = next.stageHistory.slice()
    owned.history = true
  }
  return next.stageHistory as Array<StageInterval>
}

export const writableReferrals = (next: Draft, owned: Owned): Array<Referral> => {
  if (!owned.referrals) {
    next.referrals = next.referrals.slice()
    owned.referrals = true
  }
  return next.referrals as Array<Referral>
}

export const writablePlacements = (next: Draft, owned: Owned): Array<Placement> => {
  if (!owned.placements) {
    next.placements = next.placements.slice()
    owned.placements = true
  }
  return next.placements as Array<Placement>
}

const closedAt = (i: StageInterval, until: Period.LocalDate): StageInterval => ({
  stage: i.stage,
  autonomyStage: i.autonomyStage,
  from: i.from,
  until,
  kind: i.kind,
  reason: i.reason,
  episode: i.episode
})

/** Closes the open stay (if any) at `until`, in a history the fold owns. */
export const closeOpenStay = (history: Array<StageInterval>, until: Period.LocalDate): void => {
  const last = history[history.length - 1]
  if (last !== undefined && last.until === undefined) history[history.length - 1] = closedAt(last, until)
}

/** A command family's evolve: writes one of its events into the fold's draft (no validation: events are facts already decided). */
export type FamilyEvolve<E extends Event> = (next: Draft, event: E, owned: Owned) => void
