// How incoming records become versions (the one rule shared by the in-memory system and the
// PostgreSQL store): a (source id, content hash) pair seen before changes nothing; a new pair is a
// `recorded` version when the source id is new, else `changed`, with the previous status being the
// one of the latest version in force (greatest effectiveFrom, then latest position).
import type * as Status from "../Status.ts"

export interface PriorVersion {
  readonly sourceId: string
  readonly contentHash: string
  readonly status: Status.BenefitStatus
  readonly effectiveOn: string
  readonly position: bigint
}

export interface Incoming {
  readonly record: Status.StatusRecord
  readonly contentHash: string
  readonly line?: number
  /** The record's canonical JSON when the reader already made it (else it is made on insert). */
  readonly json?: string
}

export interface NewVersion {
  readonly position: bigint
  readonly kind: "recorded" | "changed"
  readonly previousStatus: Status.BenefitStatus | undefined
  readonly incoming: Incoming
}

const later = (a: PriorVersion, b: PriorVersion): PriorVersion =>
  b.effectiveOn > a.effectiveOn || (b.effectiveOn === a.effectiveOn && b.position > a.position) ? b : a

/**
 * The new versions of `incoming` (in order) given the prior versions of the same source ids;
 * positions are assigned from `nextPosition`. `prior` is updated with what was added, so the
 * caller can pass the next batch through the same map.
 */
export const newVersions = (prior: Map<string, Array<PriorVersion>>, incoming: ReadonlyArray<Incoming>, nextPosition: bigint): ReadonlyArray<NewVersion> => {
  const out: Array<NewVersion> = []
  let position = nextPosition
  for (const inc of incoming) {
    const id = inc.record.sourceId
    const versions = prior.get(id)
    if (versions !== undefined && versions.some((v) => v.contentHash === inc.contentHash)) continue
    const latest = versions === undefined || versions.length === 0 ? undefined : versions.reduce(later)
    const v: PriorVersion = { sourceId: id, contentHash: inc.contentHash, status: inc.record.status, effectiveOn: inc.record.effectiveFrom, position }
    out.push({ position, kind: latest === undefined ? "recorded" : "changed", previousStatus: latest?.status, incoming: inc })
    if (versions === undefined) prior.set(id, [v])
    else versions.push(v)
    position++
  }
  return out
}
