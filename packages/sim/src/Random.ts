/**
 * Random numbers (乱数): a named, documented generator, so a run can be reproduced on any machine
 * and checked by anyone.
 *
 * - **Generator**: xoshiro128** 1.1 (David Blackman and Sebastiano Vigna, "Scrambled linear
 *   pseudorandom number generators", 2018): 128 bits of state, period 2^128 − 1, 32-bit outputs
 *   that pass BigCrush; four 32-bit words, so JavaScript computes it exactly with `Math.imul`.
 * - **Streams**: every random quantity belongs to a stream named by `(seed, domain, index)`. The
 *   stream's state is four MurmurHash3_x86_32 digests (Austin Appleby) of the 12-byte message
 *   `seed, domain, index` (little-endian 32-bit words) under hash seeds 0, 1, 2 and 3.
 * - **Who uses which stream**: the simulation gives person `i` the stream `(seed, 1, i)` and draws
 *   exactly one number per month after the person's entry (the k-th month uses the k-th output);
 *   bootstrap replicate `b` uses `(seed, 2, b)`; calibration's replicate runs use `(seed, 3, r)`
 *   to derive their seeds. A result therefore never depends on the number of worker threads, on
 *   how persons are split between them, or on the order in which they finish — and a baseline and
 *   a scenario run with one seed see the same numbers person by person (common random numbers).
 * - **Uniforms**: a 32-bit output `x` is the uniform `x / 2^32` in [0, 1). A probability `p` is
 *   compared as a threshold `round(p · 2^32)`, so realised probabilities are exact to 2^-32.
 *
 * @since 0.1.0
 * @module
 */
import { Schema } from "effect"
import * as Kernel from "./internal/kernel.ts"

/**
 * A seed (乱数シード): an unsigned 32-bit integer.
 * @category seeds
 * @since 0.1.0
 * @example
 * ```ts
 * const seed: Random.Seed = 20130401
 * ```
 */
export const Seed = Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: 0xffffffff }))
/** @category seeds */
export type Seed = typeof Seed.Type

/**
 * Stream domains: transitions of person `i` (`transitions`), bootstrap replicate `b`
 * (`bootstrap`), replicate runs (`replicate`).
 * @category streams
 * @since 0.1.0
 * @example
 * ```ts
 * const replicate = Random.stream(1, Random.domains.bootstrap, 7) // bootstrap replicate 7 of seed 1
 * ```
 */
export const domains = {
  transitions: Kernel.DOMAIN_TRANSITIONS,
  bootstrap: Kernel.DOMAIN_BOOTSTRAP,
  replicate: Kernel.DOMAIN_REPLICATE
} as const

/**
 * A stream's generator: 32-bit outputs and uniforms in [0, 1). @category streams @since 0.1.0
 * @example
 * ```ts
 * const s: Random.Stream = Random.stream(1, Random.domains.transitions, 0)
 * const month0 = s.uniform() // person 0's draw for its first month, in [0, 1)
 * const die = s.below(6) // 0…5
 * ```
 */
export interface Stream {
  /** The next 32-bit output (an integer in [0, 2^32)). */
  readonly nextUint32: () => number
  /** The next uniform in [0, 1): `nextUint32() / 2^32`. */
  readonly uniform: () => number
  /** The next integer in [0, n) (by multiply-shift; n ≤ 2^32). */
  readonly below: (n: number) => number
}

const TWO_POW_32 = 4294967296

/**
 * The stream `(seed, domain, index)`. Person `i`'s month-by-month draws in a simulation are
 * `stream(seed, domains.transitions, i)`.
 * @category streams
 * @since 0.1.0
 * @example
 * ```ts
 * const a = Random.stream(42, Random.domains.transitions, 17).nextUint32()
 * const b = Random.stream(42, Random.domains.transitions, 17).nextUint32()
 * a === b // true: the same stream on any machine
 * ```
 */
export const stream = (seed: number, domain: number, index: number): Stream => {
  const state = new Uint32Array(4)
  Kernel.seedStream(seed >>> 0, domain >>> 0, index >>> 0, state)
  const nextUint32 = (): number => Kernel.nextUint32(state)
  return {
    nextUint32,
    uniform: () => nextUint32() / TWO_POW_32,
    below: (n) => Math.floor((nextUint32() / TWO_POW_32) * n)
  }
}

/**
 * The initial xoshiro128** state of a stream (four 32-bit words), for checking the derivation
 * against another implementation.
 * @category streams
 * @since 0.1.0
 * @example
 * ```ts
 * const [s0, s1, s2, s3] = Random.initialState(1, Random.domains.transitions, 0) // four MurmurHash3 digests of (1, 1, 0)
 * ```
 */
export const initialState = (seed: number, domain: number, index: number): readonly [number, number, number, number] => {
  const state = new Uint32Array(4)
  Kernel.seedStream(seed >>> 0, domain >>> 0, index >>> 0, state)
  return [state[0]!, state[1]!, state[2]!, state[3]!]
}

/**
 * MurmurHash3_x86_32 of a message made of whole 32-bit little-endian words (the stream
 * derivation's hash), exposed for checking against published test vectors.
 * @category hashing
 * @since 0.1.0
 * @example
 * ```ts
 * Random.murmur3([1, 1, 0], 0) === Random.initialState(1, 1, 0)[0] // true: word 0 of the state is the digest under hash seed 0
 * ```
 */
export const murmur3 = (words: ReadonlyArray<number>, hashSeed: number): number => Kernel.murmur3Words(words, hashSeed)

/**
 * A child seed: output `index` of stream `(seed, domains.replicate, index)` — how replicate runs
 * (calibration's predictive intervals) get their seeds.
 * @category seeds
 * @since 0.1.0
 * @example
 * ```ts
 * const seeds = [0, 1, 2].map((i) => Random.childSeed(2024, i)) // independent seeds for three replicate runs
 * ```
 */
export const childSeed = (seed: number, index: number): Seed => stream(seed, domains.replicate, index).nextUint32()
