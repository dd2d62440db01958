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
 * means "stay"; otherwise the first outcome whose threshold exceeds `r` happens. A transition
 * index names one (source, destination) pair, wherever it appears.
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

// The run's tables, laid out for the hot loop. In V8's optimised code every typed array the loop
// touches costs a few checks per access, and every value it keeps alive competes for registers,
// so the loop reads two arrays of model tables, writes one array of int32 counts, and leaves the
// rest (occupancy from the moves, the people not yet entered) to the end of the run.

/** At most this many guide entries (rows × 2^bits), so a large model's tables stay small. */
const GUIDE_ENTRIES = 1 << 16
const MAX_GUIDE_BITS = 8
/** Outcome code flags (bits 0–7 the state, 8–23 the transition). */
const CODE_PLACEMENT = 1 << 24
const CODE_ABSORBING = 1 << 25
/** A piece end past any horizon (the last piece never ends). */
const NEVER = 0x3fffffff

interface Plan {
  /**
   * Per outcome its code (`state | transition << 8 | CODE_PLACEMENT | CODE_ABSORBING`); then, from
   * `guideAt`, the guide; then, from `clockAt`, per clock month t the pair (first row of t's piece,
   * first clock month after t's piece).
   */
  readonly ints: Int32Array
  readonly guideAt: number
  readonly clockAt: number
  readonly bits: number
  /** Per outcome its cumulative threshold, then per row its move threshold (from `outcomes`). */
  readonly thresholds: Float64Array
  readonly outcomes: number
}

const planOf = (k: Kernel, months: number): Plan => {
  const rows = k.rowStart.length - 1
  const outcomes = k.rowStart[rows]!
  let bits = 0
  while (bits < MAX_GUIDE_BITS && rows << (bits + 1) <= GUIDE_ENTRIES) bits++
  const clock = Math.max(1, months)
  const guideAt = outcomes, clockAt = guideAt + (rows << bits)
  const ints = new Int32Array(clockAt + 2 * clock)
  for (let o = 0; o < outcomes; o++) {
    const next = k.outState[o]!
    ints[o] = next | (k.outTransition[o]! << 8) | (k.placement[next] === 1 ? CODE_PLACEMENT : 0) | (k.absorbing[next] === 1 ? CODE_ABSORBING : 0)
  }
  // The guide (Chen & Asau, 1974): per row and per bucket of a draw's top `bits` bits, the first
  // outcome whose threshold lies above the bucket's start — where the search for a draw's outcome
  // can start, so a move mostly costs one look-up instead of a walk along the row.
  const width = 2 ** (32 - bits)
  for (let row = 0; row < rows; row++) {
    const last = k.rowStart[row + 1]! - 1
    let o = k.rowStart[row]!
    for (let b = 0; b < 1 << bits; b++) {
      while (o < last && b * width >= k.outThreshold[o]!) o++
      ints[guideAt + (row << bits) + b] = o
    }
  }
  const pieceOf = pieceTable(k, months)
  for (let t = 0; t < clock; t++) {
    const piece = pieceOf[t]!
    ints[clockAt + 2 * t] = piece * k.profiles * k.states
    ints[clockAt + 2 * t + 1] = piece < k.breaks.length ? k.breaks[piece]! : NEVER
  }
  const thresholds = new Float64Array(outcomes + rows)
  thresholds.set(k.outThreshold)
  thresholds.set(k.moveThreshold, outcomes)
  return { ints, guideAt, clockAt, bits, thresholds, outcomes }
}

/** The xoshiro128** states of persons `g0 … g0 + n - 1` (4 words each), hashed in one tight pass. */
const seedChunk = (h0: number, h1: number, h2: number, h3: number, g0: number, n: number, out: Int32Array): void => {
  for (let j = 0; j < n; j++) {
    const g = (g0 + j) | 0
    let a = fmix(murmurWord(h0, g) ^ 12) | 0
    const b = fmix(murmurWord(h1, g) ^ 12) | 0
    const c = fmix(murmurWord(h2, g) ^ 12) | 0
    const d = fmix(murmurWord(h3, g) ^ 12) | 0
    // The all-zero state is the one state xoshiro cannot leave; no input is known to hash to it.
    if ((a | b | c | d) === 0) a = 1
    out[4 * j] = a
    out[4 * j + 1] = b
    out[4 * j + 2] = c
    out[4 * j + 3] = d
  }
}

/** Counts are int32 (a cell changes by at most one per person): added to the tallies at least every 2^30 persons. */
const FLUSH_PERSONS = 1 << 30

/**
 * Simulates every person of `cohort` for `months` months. Only moves are counted as they happen
 * (per month and transition); occupancy follows from the entries and the moves at the end.
 */
export const run = (k: Kernel, cohort: CohortColumns, options: RunOptions): RunOutput => {
  const M = options.months
  const S = k.states, T = k.transitions
  const out = emptyTallies(k, M)
  const first = out.firstPlacement
  // Counts: moves (profile, month, transition); entries (profile, month, state); people not yet
  // entered, as changes (profile, month); persons per profile.
  const entryAt = k.profiles * M * T
  const pendingAt = entryAt + k.profiles * (M + 1) * S
  const personsAt = pendingAt + k.profiles * (M + 1)
  const counts = new Int32Array(personsAt + k.profiles)
  const plan = planOf(k, M)
  const ints = plan.ints, thresholds = plan.thresholds
  const guideAt = plan.guideAt | 0, clockAt = plan.clockAt | 0, bits = plan.bits | 0, outcomes = plan.outcomes | 0
  const guideShift = (32 - bits) | 0
  const calendar = k.calendar === 1
  const absorbing = k.absorbing, placement = k.placement
  const perPerson = options.perPerson ? { firstPlacement: new Int16Array(cohort.size), finalState: new Uint8Array(cohort.size) } : undefined
  const log = options.log ? emptyLog(cohort.size * 4) : undefined
  const seed = options.seed | 0
  // The first two words of every person's message are (seed, domain): hash them once.
  const h0 = murmurWord(murmurWord(0, seed), DOMAIN_TRANSITIONS)
  const h1 = murmurWord(murmurWord(1, seed), DOMAIN_TRANSITIONS)
  const h2 = murmurWord(murmurWord(2, seed), DOMAIN_TRANSITIONS)
  const h3 = murmurWord(murmurWord(3, seed), DOMAIN_TRANSITIONS)
  const stages = cohort.stage, profiles = cohort.profile, entries = cohort.entry
  const states = new Int32Array(4 * Math.min(cohort.size, PROGRESS_CHUNK))
  let flushedAt = 0
  for (let start = 0; start < cohort.size; start += PROGRESS_CHUNK) {
    const end = Math.min(cohort.size, start + PROGRESS_CHUNK)
    seedChunk(h0, h1, h2, h3, cohort.offset + start, end - start, states)
    for (let i = start; i < end; i++) {
      const q = profiles[i]!
      const e = entries[i]!
      let s = stages[i]!
      const occBase = (q * (M + 1)) | 0
      counts[personsAt + q]! += 1
      counts[pendingAt + occBase]! += 1
      if (e > M) {
        if (perPerson !== undefined) (perPerson.firstPlacement[i] = -1, perPerson.finalState[i] = s)
        continue
      }
      counts[pendingAt + occBase + e]! -= 1
      counts[entryAt + (occBase + e) * S + s]! += 1
      let placedAt = -1
      const firstBase = (occBase + e) * (M + 1) - e
      if (placement[s] === 1) {
        placedAt = e
        first[firstBase + e]! += 1
      }
      const j = 4 * (i - start)
      let s0 = states[j]!, s1 = states[j + 1]!, s2 = states[j + 2]!, s3 = states[j + 3]!
      const profileRow = q * S
      const clockOffset = calendar ? 0 : e
      const flowBase = q * M * T
      let m = e
      let live = absorbing[s] === 0
      while (live && m < M) {
        // A run of months in one state and one piece shares one threshold: draw until a move.
        const at = clockAt + 2 * (m - clockOffset)
        let limit = ints[at + 1]! + clockOffset
        if (limit > M) limit = M
        const row = ints[at]! + profileRow + s
        const threshold = thresholds[outcomes + row]!
        // xoshiro128** steps, inlined, two months per pass.
        let r = 0, x = 0, u = 0
        draw: {
          for (; m + 1 < limit; m += 2) {
            x = Math.imul(s1, 5)
            r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0
            u = s1 << 9
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= u
            s3 = (s3 << 11) | (s3 >>> 21)
            if (r < threshold) break draw
            x = Math.imul(s1, 5)
            r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0
            u = s1 << 9
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= u
            s3 = (s3 << 11) | (s3 >>> 21)
            if (r < threshold) {
              m++
              break draw
            }
          }
          if (m < limit) {
            x = Math.imul(s1, 5)
            r = Math.imul((x << 7) | (x >>> 25), 9) >>> 0
            u = s1 << 9
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= u
            s3 = (s3 << 11) | (s3 >>> 21)
            if (r < threshold) break draw
            m++
          }
          continue // no move before the piece's end (or the horizon)
        }
        // Month m moves: the outcome is the first whose cumulative threshold exceeds r.
        let o = ints[guideAt + ((row << bits) | (r >>> guideShift))]!
        while (r >= thresholds[o]!) o++
        const code = ints[o]!
        const tr = (code >>> 8) & 0xffff
        counts[flowBase + m * T + tr]! += 1
        // The flags as literals: a module-level constant is read from the module's context.
        if ((code & 0x1000000) !== 0 && placedAt < 0) {
          placedAt = m + 1
          first[firstBase + m + 1]! += 1
        }
        if (log !== undefined) {
          if (log.length === log.person.length) growLog(log)
          log.person[log.length] = cohort.offset + i
          log.month[log.length] = m
          log.transition[log.length] = tr
          log.length++
        }
        s = code & 0xff
        live = (code & 0x2000000) === 0
        m++
      }
      if (perPerson !== undefined) {
        perPerson.firstPlacement[i] = placedAt
        perPerson.finalState[i] = s
      }
    }
    if (end - flushedAt >= FLUSH_PERSONS) {
      flush(k, counts, out, entryAt, pendingAt, personsAt)
      flushedAt = end
    }
    options.onProgress?.(end, cohort.size)
  }
  flush(k, counts, out, entryAt, pendingAt, personsAt)
  // Changes → levels: month m holds everything that happened up to it.
  const occupancy = out.occupancy, pending = out.pending
  for (let q = 0; q < k.profiles; q++) {
    const base = q * (M + 1)
    for (let m = 1; m <= M; m++) {
      pending[base + m]! += pending[base + m - 1]!
      const at = (base + m) * S, prev = (base + m - 1) * S
      for (let s = 0; s < S; s++) occupancy[at + s]! += occupancy[prev + s]!
    }
  }
  return { tallies: out, ...(perPerson === undefined ? {} : { perPerson }), ...(log === undefined ? {} : { log }) }
}

/** Source and destination state of every transition, read off the outcomes (a transition is one pair). */
const endsOf = (k: Kernel): Int32Array => {
  const ends = new Int32Array(2 * k.transitions)
  for (let row = 0; row + 1 < k.rowStart.length; row++) {
    for (let o = k.rowStart[row]!; o < k.rowStart[row + 1]!; o++) {
      ends[2 * k.outTransition[o]!] = row % k.states
      ends[2 * k.outTransition[o]! + 1] = k.outState[o]!
    }
  }
  return ends
}

/**
 * Adds the counts to the tallies and clears them. A move from s to s' in month m changes the
 * occupancy of month m + 1 (−1 in s, +1 in s'); occupancy and pending stay changes until the end.
 */
const flush = (k: Kernel, counts: Int32Array, out: Tallies, entryAt: number, pendingAt: number, personsAt: number): void => {
  const M = out.months, S = k.states, T = k.transitions
  const ends = endsOf(k)
  const occupancy = out.occupancy, flows = out.flows
  for (let j = 0; j < occupancy.length; j++) occupancy[j]! += counts[entryAt + j]!
  for (let q = 0; q < k.profiles; q++) {
    for (let m = 0; m < M; m++) {
      const at = (q * (M + 1) + m + 1) * S
      for (let tr = 0; tr < T; tr++) {
        const n = counts[(q * M + m) * T + tr]!
        if (n === 0) continue
        flows[(q * M + m) * T + tr]! += n
        occupancy[at + ends[2 * tr]!]! -= n
        occupancy[at + ends[2 * tr + 1]!]! += n
      }
    }
  }
  for (let j = 0; j < out.pending.length; j++) out.pending[j]! += counts[pendingAt + j]!
  for (let j = 0; j < out.persons.length; j++) out.persons[j]! += counts[personsAt + j]!
  counts.fill(0)
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
