import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Random } from "../src/index.ts"

const bytesToWords = (s: string): Array<number> => {
  const b = Buffer.from(s, "latin1")
  return Array.from({ length: b.length / 4 }, (_, i) => b.readUInt32LE(i * 4))
}

/** xoshiro128** 1.1, written from the reference C with BigInt arithmetic (an independent implementation). */
const referenceXoshiro = (state: readonly [number, number, number, number]) => {
  const M = (1n << 32n) - 1n
  let s = state.map(BigInt)
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M
  return () => {
    const result = (rotl((s[1]! * 5n) & M, 7n) * 9n) & M
    const t = (s[1]! << 9n) & M
    s = [s[0]!, s[1]!, s[2]! ^ s[0]!, s[3]! ^ s[1]!]
    s[1] = s[1]! ^ s[2]!
    s[0] = s[0]! ^ s[3]!
    s[2] = s[2]! ^ t
    s[3] = rotl(s[3]!, 11n)
    return Number(result)
  }
}

describe("Random", () => {
  it("hashes with MurmurHash3_x86_32 (published test vectors)", () => {
    expect(Random.murmur3([], 0)).toBe(0)
    expect(Random.murmur3([], 1)).toBe(0x514e28b7)
    expect(Random.murmur3([], 0xffffffff)).toBe(0x81f16f39)
    expect(Random.murmur3(bytesToWords("\0\0\0\0"), 0)).toBe(0x2362f9de)
    expect(Random.murmur3(bytesToWords("aaaa"), 0x9747b28c)).toBe(0x5a97808a)
    expect(Random.murmur3(bytesToWords("abcd"), 0x9747b28c)).toBe(0xf0478627)
  })

  it("derives a stream's state from (seed, domain, index) under hash seeds 0–3", () => {
    expect(Random.initialState(42, 1, 7)).toEqual([0, 1, 2, 3].map((k) => Random.murmur3([42, 1, 7], k)))
  })

  it("draws xoshiro128** outputs (checked against an independent BigInt implementation)", () => {
    // The reference C's first output from state {1, 2, 3, 4} is rotl(2·5, 7)·9 = 11520.
    expect(referenceXoshiro([1, 2, 3, 4])()).toBe(11520)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 3 }), fc.nat(), (seed, domain, index) => {
        const s = Random.stream(seed, domain, index)
        const ref = referenceXoshiro(Random.initialState(seed, domain, index))
        for (let k = 0; k < 8; k++) if (s.nextUint32() !== ref()) return false
        return true
      })
    )
  })

  it("gives uniforms in [0, 1) and streams that do not repeat one another", () => {
    const s = Random.stream(1, 1, 0)
    const buckets = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const u = s.uniform()
      expect(u >= 0 && u < 1).toBe(true)
      buckets[Math.floor(u * 10)]!++
    }
    // χ² with 9 degrees of freedom: 27.9 is the 0.1 % critical value.
    const chi2 = buckets.reduce((a, b) => a + (b - 10_000) ** 2 / 10_000, 0)
    expect(chi2).toBeLessThan(27.9)
    const firsts = new Set(Array.from({ length: 10_000 }, (_, i) => Random.stream(1, 1, i).nextUint32()))
    expect(firsts.size).toBeGreaterThan(9_980)
    expect(Random.childSeed(5, 0)).not.toBe(Random.childSeed(5, 1))
  })
})
