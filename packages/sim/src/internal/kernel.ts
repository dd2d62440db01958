// The simulation hot loop and its random numbers. No imports: worker threads load this file
// alone, and nothing here allocates per person or per month.
//
// Random numbers: xoshiro128** 1.1 (Blackman & Vigna, 2018), one stream per (seed, domain,
// index). The stream's 128-bit state is four MurmurHash3_x86_32 digests of the 12-byte message
// (seed, domain, index) as little-endian 32-bit words, under hash seeds 0, 1, 2 and 3. A person's
// k-th draw after entry is the k-th output of the stream (seed, TRANSITIONS, person index), so a
// result never depends on how persons are split between threads.

/** Stream domains: one per purpose, so streams of different purposes never coincide. */
export const DOMAIN_TRANSITIONS = 1
export const DOMAIN_BOOTSTRAP = 2
export const DOMAIN_REPLICATE = 3

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k))

const murmurWord = (h: number, word: number): number => {
  let k = Math.imul(word, 0xcc9e2d51)
  k = rotl(k, 15)
  k = Math.imul(k, 0x1b873593)
  h ^= k
  h = rotl(h, 13)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

/** MurmurHash3_x86_32 of a message of whole 32-bit little-endian words. */
export const murmur3Words = (words: ReadonlyArray<number>, hashSeed: number): number => {
  let h = hashSeed | 0
  for (const w of words) h = murmurWord(h, w | 0)
  return fmix(h ^ (words.length * 4))
}

const fmix = (h0: number): number => {
  let h = h0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** MurmurHash3_x86_32 of (a, b, c) under `hashSeed`, unrolled (the per-person seeding path). */
const murmur3 = (a: number, b: number, c: number, hashSeed: number): number =>
  fmix(murmurWord(murmurWord(murmurWord(hashSeed, a), b), c) ^ 12)

/** Writes the xoshiro128** state of stream (seed, domain, index) into `out` at `at`. */
export const seedStream = (seed: number, domain: number, index: number, out: Uint32Array, at = 0): void => {
  const s0 = murmur3(seed, domain, index, 0)
  const s1 = murmur3(seed, domain, index, 1)
  const s2 = murmur3(seed, domain, index, 2)
  const s3 = murmur3(seed, domain, index, 3)
  // The all-zero state is the one state xoshiro cannot leave; no input is known to hash to it.
  out[at] = (s0 | s1 | s2 | s3) === 0 ? 1 : s0
  out[at + 1] = s1
  out[at + 2] = s2
  out[at + 3] = s3
}

/** One xoshiro128** step on a state held in `s` at `at`: the next 32-bit output. */
export const nextUint32 = (s: Uint32Array, at = 0): number => {
  const s0 = s[at]!, s1 = s[at + 1]!
  let s2 = s[at + 2]!, s3 = s[at + 3]!
  const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0
  const t = s1 << 9
  s2 ^= s0
  s3 ^= s1
  s[at + 1] = s1 ^ s2
  s[at] = s0 ^ s3
  s[at + 2] = s2 ^ t
  s[at + 3] = rotl(s3, 11)
  return result
}

// ---------------------------------------------------------------------------------------------
// The compiled model and the run
// ---------------------------------------------------------------------------------------------

/**
 * A model compiled to flat arrays. Row `(piece × profiles + profile) × states + state` lists its
 * outcomes in `[rowStart[row], rowStart[row + 1])`: transition index, destination state and the
 * cumulative threshold in units of 2^-32. A draw `r` (uint32) at or above `moveThreshold[row]`
 * means "stay"; otherwise the first outcome whose threshold exceeds `r` happens.
 */
export interface Kernel {
  readonly states: number
  readonly profiles: number
  readonly pieces: number
  readonly transitions: number
  /** 1 = time since the simulation's start (calendar), 0 = time since the person's entry. */
  readonly calendar: number
  /** Piece boundaries: piece k covers months `[breaks[k-1], breaks[k])` (`breaks[-1]` = 0). */
  readonly breaks: Int32Array
  readonly rowStart: Int32Array
  readonly moveThreshold: Float64Array
  readonly outTransition: Uint16Array
  readonly outState: Uint8Array
  readonly outThreshold: Float64Array
  /** Per state: 1 when absorbing (an exit). */
  readonly absorbing: Uint8Array
  /** Per state: 1 when entering it from a non-placement state is a placement (就職). */
  readonly placement: Uint8Array
}

/** A cohort in columns: start state, covariate profile and entry month per person. */
export interface CohortColumns {
  readonly size: number
  /** Global index of the first person (streams are keyed by global index). */
  readonly offset: number
  readonly stage: Uint8Array
  readonly profile: Uint16Array
  readonly entry: Uint16Array
}

/** The counts of a run, all additive (the monoid is element-wise +, logs concatenated). */
export interface Tallies {
  readonly months: number
  /** Occupancy (profile, month 0…months, state): people in the state at the start of the month. */
  readonly occupancy: Float64Array
  /** People not yet entered (profile, month 0…months). */
  readonly pending: Float64Array
  /** Moves (profile, month 0…months-1, transition): made at the end of the month. */
  readonly flows: Float64Array
  /**
   * First placement (profile, entry month 0…months, duration 0…months): how many persons who
   * entered in that month were first in a placement state that many months after entry.
   */
  readonly firstPlacement: Float64Array
  /** Persons per profile. */
  readonly persons: Float64Array
}

export interface PerPerson {
  /** Calendar month of the first placement, -1 when none. */
  readonly firstPlacement: Int16Array
  /** State at the horizon. */
  readonly finalState: Uint8Array
}

/** Moves in columns: person (global index), month (the move takes effect at month + 1), transition. */
export interface MoveLog {
  length: number
  person: Uint32Array
  month: Uint16Array
  transition: Uint16Array
}

export interface RunOutput {
  readonly tallies: Tallies
  readonly perPerson?: PerPerson
  readonly log?: MoveLog
}

export interface RunOptions {
  readonly months: number
  readonly seed: number
  readonly perPerson: boolean
  readonly log: boolean
  readonly onProgress?: (done: number, total: number) => void
}

const PROGRESS_CHUNK = 1 << 16

export const emptyTallies = (k: Kernel, months: number): Tallies => ({
  months,
  occupancy: new Float64Array(k.profiles * (months + 1) * k.states),
  pending: new Float64Array(k.profiles * (months + 1)),
  flows: new Float64Array(k.profiles * months * k.transitions),
  firstPlacement: new Float64Array(k.profiles * (months + 1) * (months + 1)),
  persons: new Float64Array(k.profiles)
})

export const emptyLog = (capacity: number): MoveLog => ({
  length: 0,
  person: new Uint32Array(Math.max(16, capacity)),
  month: new Uint16Array(Math.max(16, capacity)),
  transition: new Uint16Array(Math.max(16, capacity))
})

const growLog = (log: MoveLog): void => {
  const capacity = log.person.length * 2
  const person = new Uint32Array(capacity), month = new Uint16Array(capacity), transition = new Uint16Array(capacity)
  person.set(log.person)
  month.set(log.month)
  transition.set(log.transition)
  log.person = person
  log.month = month
  log.transition = transition
}

/** Piece index of every month 0…months-1 (for the calendar or the since-entry clock alike). */
const pieceTable = (k: Kernel, months: number): Int32Array => {
  const table = new Int32Array(Math.max(1, months))
  let piece = 0
  for (let m = 0; m < months; m++) {
    while (piece < k.breaks.length && m >= k.breaks[piece]!) piece++
    table[m] = piece
  }
  return table
}

/**
 * Simulates every person of `cohort` for `months` months. Occupancy is accumulated as changes
 * (one entry per move, not per person-month) and summed over months at the end.
 */
export const run = (k: Kernel, cohort: CohortColumns, options: RunOptions): RunOutput => {
  const M = options.months
  const S = k.states, T = k.transitions
  const out = emptyTallies(k, M)
  const delta = out.occupancy, pendingDelta = out.pending, flows = out.flows, first = out.firstPlacement, persons = out.persons
  const pieceOf = pieceTable(k, M)
  // The first month after each piece (on the model's clock); the last piece never ends.
  const pieceEnd = Float64Array.from({ length: k.pieces }, (_, p) => (p < k.breaks.length ? k.breaks[p]! : Infinity))
  const rowsPerPiece = k.profiles * S
  const { rowStart, moveThreshold, outTransition, outState, outThreshold, absorbing, placement } = k
  const calendar = k.calendar === 1
  const perPerson = options.perPerson ? { firstPlacement: new Int16Array(cohort.size), finalState: new Uint8Array(cohort.size) } : undefined
  const log = options.log ? emptyLog(cohort.size * 4) : undefined
  const seed = options.seed | 0
  // The first two words of every person's message are (seed, domain): hash them once.
  const h0 = murmurWord(murmurWord(0, seed), DOMAIN_TRANSITIONS)
  const h1 = murmurWord(murmurWord(1, seed), DOMAIN_TRANSITIONS)
  const h2 = murmurWord(murmurWord(2, seed), DOMAIN_TRANSITIONS)
  const h3 = murmurWord(murmurWord(3, seed), DOMAIN_TRANSITIONS)
  for (let start = 0; start < cohort.size; start += PROGRESS_CHUNK) {
    const end = Math.min(cohort.size, start + PROGRESS_CHUNK)
    for (let i = start; i < end; i++) {
      const g = cohort.offset + i
      const q = cohort.profile[i]!
      const e = cohort.entry[i]!
      let s = cohort.stage[i]!
      persons[q]! += 1
      const occBase = q * (M + 1)
      pendingDelta[occBase]! += 1
      if (e > M) {
        if (perPerson !== undefined) (perPerson.firstPlacement[i] = -1, perPerson.finalState[i] = s)
        continue
      }
      pendingDelta[occBase + e]! -= 1
      delta[(occBase + e) * S + s]! += 1
      let placedAt = -1
      const firstBase = (occBase + e) * (M + 1) - e
      if (placement[s] === 1) {
        placedAt = e
        first[firstBase + e]! += 1
      }
      let s0 = fmix(murmurWord(h0, g) ^ 12) | 0
      let s1 = fmix(murmurWord(h1, g) ^ 12) | 0
      let s2 = fmix(murmurWord(h2, g) ^ 12) | 0
      let s3 = fmix(murmurWord(h3, g) ^ 12) | 0
      if ((s0 | s1 | s2 | s3) === 0) s0 = 1
      const profileRow = q * S
      const clockOffset = calendar ? 0 : e
      let m = e
      while (m < M && absorbing[s] === 0) {
        // A run of months in one state and one piece shares one threshold: draw until a move.
        const piece = pieceOf[m - clockOffset]!
        const limit = Math.min(M, pieceEnd[piece]! + clockOffset)
        const row = piece * rowsPerPiece + profileRow + s
        const threshold = moveThreshold[row]!
        let r = 0
        for (; m < limit; m++) {
          // xoshiro128** step, inlined.
          const x = Math.imul(s1, 5)
          r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0
          const t = s1 << 9
          s2 ^= s0
          s3 ^= s1
          s1 ^= s2
          s0 ^= s3
          s2 ^= t
          s3 = (s3 << 11) | (s3 >>> 21)
          if (r < threshold) break
        }
        if (m === limit) continue
        let o = rowStart[row]!
        while (r >= outThreshold[o]!) o++
        const tr = outTransition[o]!
        const next = outState[o]!
        flows[(q * M + m) * T + tr]! += 1
        const at = (occBase + m + 1) * S
        delta[at + s]! -= 1
        delta[at + next]! += 1
        if (placedAt < 0 && placement[next] === 1) {
          placedAt = m + 1
          first[firstBase + m + 1]! += 1
        }
        if (log !== undefined) {
          if (log.length === log.person.length) growLog(log)
          log.person[log.length] = g
          log.month[log.length] = m
          log.transition[log.length] = tr
          log.length++
        }
        s = next
        m++
      }
      if (perPerson !== undefined) {
        perPerson.firstPlacement[i] = placedAt
        perPerson.finalState[i] = s
      }
    }
    options.onProgress?.(end, cohort.size)
  }
  // Changes → levels: month m holds everything that happened up to it.
  for (let q = 0; q < k.profiles; q++) {
    const base = q * (M + 1)
    for (let m = 1; m <= M; m++) {
      pendingDelta[base + m]! += pendingDelta[base + m - 1]!
      const at = (base + m) * S, prev = (base + m - 1) * S
      for (let s = 0; s < S; s++) delta[at + s]! += delta[prev + s]!
    }
  }
  return { tallies: out, ...(perPerson === undefined ? {} : { perPerson }), ...(log === undefined ? {} : { log }) }
}

/** The state path of one person (global index `g`): state at months 0…months (entry month `e`). */
export const path = (k: Kernel, start: number, profile: number, e: number, g: number, months: number, seed: number): Uint8Array => {
  const out = new Uint8Array(months + 1)
  let s = start
  for (let m = 0; m <= Math.min(e, months); m++) out[m] = s
  if (e > months) return out
  const rng = new Uint32Array(4)
  seedStream(seed | 0, DOMAIN_TRANSITIONS, g, rng)
  const pieceOf = pieceTable(k, months)
  for (let m = e; m < months; m++) {
    if (k.absorbing[s] === 0) {
      const r = nextUint32(rng)
      const row = pieceOf[k.calendar === 1 ? m : m - e]! * k.profiles * k.states + profile * k.states + s
      if (r < k.moveThreshold[row]!) {
        let o = k.rowStart[row]!
        while (r >= k.outThreshold[o]!) o++
        s = k.outState[o]!
      }
    }
    out[m + 1] = s
  }
  return out
}
