// The boundary helpers every module's decoder uses: paths, "did you mean" suggestions, issue
// flattening, canonical JSON. Each module's own tests reach them through its decoder; here they
// are stated once, directly.
import fc from "fast-check"
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeWith, didYouMean, formatPath, literalsOf, suggest, unknownKeyMessage } from "../src/internal/decode.ts"
import { canonicalJson, contentHash } from "../src/internal/hash.ts"
import { DATE_TEXT, isDateText } from "../src/internal/dateText.ts"
import { coverage } from "./coverage.ts"

describe("paths", () => {
  it("the root, a key, an index, a key after an index", () => {
    expect([formatPath([]), formatPath(["a"]), formatPath([0]), formatPath(["a", 0, "b"]), formatPath([0, "a", 1])]).toEqual(["(root)", "a", "[0]", "a[0].b", "[0].a[1]"])
  })
})

describe("the date shape", () => {
  it("is exactly four, two and two digits joined by hyphens, and nothing that is not a string", () => {
    expect(["2024-02-29", "0000-00-00", "9999-99-99"].map(isDateText)).toEqual([true, true, true])
    const misses: ReadonlyArray<unknown> = ["", "0", "2024-2-29", "2024/02/29", "2024-02-290", " 2024-02-29", "2024-02-29\n", "２０２４-02-29", 20240229, null, undefined, ["2024-02-29"]]
    expect(misses.filter(isDateText)).toEqual([])
  })

  it("agrees with the pattern on every string, of any length", () => {
    const near = fc.stringMatching(/^[0-9-]{8,12}$/)
    fc.assert(fc.property(fc.oneof(near, fc.string()), (s) => isDateText(s) === DATE_TEXT.test(s)), { numRuns: 500 })
  })
})

describe("did you mean", () => {
  it("a word in another case beats any edit; the word itself is never suggested; over-long words get nothing", () => {
    expect(suggest("Naka", ["nakb", "naka"])).toBe("naka")
    expect(suggest("naka", ["naka"])).toBeUndefined()
    expect(suggest("a".repeat(65), ["a".repeat(64)])).toBeUndefined()
    expect(suggest("a".repeat(64), ["a".repeat(63)])).toBe("a".repeat(63))
  })

  it("one edit — a change, a missing or extra letter, two neighbours swapped — is close enough for a word of any length", () => {
    expect([suggest("nkaa", ["naka"]), suggest("nak", ["naka"]), suggest("nakaa", ["naka"]), suggest("nama", ["naka"]), suggest("ab", ["ac"])]).toEqual(["naka", "naka", "naka", "naka", "ac"])
  })

  it("allows one edit per three letters, at most three; the closest candidate wins, the first among equals", () => {
    expect(suggest("ab", ["xy"])).toBeUndefined()
    expect(suggest("abcdef", ["abxyef"])).toBe("abxyef")
    expect(suggest("abcde", ["abxye"])).toBeUndefined()
    expect(suggest("abcdefghi", ["abcxyzghi"])).toBe("abcxyzghi")
    expect(suggest("abcdefgh", ["abcxyzgh"])).toBeUndefined()
    expect(suggest("abcdefghijklmnop", ["abcdwxyzijklmnop"])).toBeUndefined()
    expect(suggest("seya", ["sexx", "seyb", "seyc"])).toBe("seyb")
  })

  it("property: a word one edit away from a candidate is named, whatever other candidates far from it are listed (≥ 20 % of runs swap two letters)", () => {
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d"), minLength: 3, maxLength: 12 })
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("drop" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("change" as const), at: fc.nat() })
    )
    const cov = coverage({ swap: 0.2 })
    fc.assert(
      fc.property(word, edit, fc.array(fc.string({ unit: fc.constantFrom("x", "y", "z"), minLength: 3, maxLength: 12 }), { maxLength: 3 }), (w, e, others) => {
        cov.run()
        const i = e.at % (w.length - 1)
        const typo =
          e.kind === "swap" ? `${w.slice(0, i)}${w[i + 1]}${w[i]}${w.slice(i + 2)}` : e.kind === "drop" ? `${w.slice(0, i)}${w.slice(i + 1)}` : `${w.slice(0, i)}x${w.slice(i + 1)}`
        if (typo === w) return
        cov.hit("swap", e.kind === "swap")
        expect(suggest(typo, [...others, w])).toBe(w)
      })
    )
    cov.check()
  })

  it("property: a candidate is suggested exactly when it is within the bound by the textbook edit distance with adjacent swaps (≥ 20 % of runs suggest, ≥ 20 % do not)", () => {
    // Optimal string alignment distance, by its recursive definition (memoised).
    const osa = (a: string, b: string): number => {
      const memo = new Map<string, number>()
      const go = (i: number, j: number): number => {
        if (i === 0) return j
        if (j === 0) return i
        const key = `${i},${j}`
        const hit = memo.get(key)
        if (hit !== undefined) return hit
        let best = Math.min(go(i - 1, j) + 1, go(i, j - 1) + 1, go(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1))
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, go(i - 2, j - 2) + 1)
        memo.set(key, best)
        return best
      }
      return go(a.length, b.length)
    }
    const text = fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 9 })
    const cov = coverage({ suggested: 0.2, notSuggested: 0.2 })
    fc.assert(
      // The candidate is the word with a stretch of up to two letters replaced by up to two others, or any string.
      fc.property(text, fc.nat(), fc.integer({ min: 0, max: 2 }), fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 2 }), text, fc.boolean(), (word, at, cut, insert, other, near) => {
        const i = word.length === 0 ? 0 : at % word.length
        const candidate = near ? `${word.slice(0, i)}${insert}${word.slice(i + cut)}` : other
        cov.run()
        const bound = Math.min(3, Math.max(1, Math.floor(word.length / 3)))
        const expected = candidate !== word && osa(word, candidate) <= bound ? candidate : undefined
        cov.hit(expected === undefined ? "notSuggested" : "suggested")
        expect(suggest(word, [candidate])).toBe(expected)
      })
    )
    cov.check()
  })

  it("case is folded, not upper-cased: a word that only upper-cases like the candidate is no case variant", () => {
    expect(suggest("straße", ["STRASSE"])).toBeUndefined()
    expect(suggest("ab", ["xyab"])).toBeUndefined()
    expect(suggest("xyab", ["ab"])).toBeUndefined()
  })

  it("messages: an unknown key with its suggestion or the allowed keys; a near-miss value, and nothing for a far one or a non-string", () => {
    expect(unknownKeyMessage("mni", ["min", "max"])).toBe('unknown key "mni" (did you mean "min"?)')
    expect(unknownKeyMessage("colour", ["min", "max"])).toBe('unknown key "colour"; allowed keys: min, max')
    expect(didYouMean("eligble", ["eligible", 3])).toBe(' (did you mean "eligible"?)')
    expect([didYouMean("zzzzzz", ["eligible"]), didYouMean(3, ["3"])]).toEqual(["", ""])
  })

  it("the values of an enumeration, and nothing for other schemas", () => {
    expect(literalsOf(Schema.Literals(["a", 1, true]).ast)).toEqual(["a", 1, true])
    expect([literalsOf(Schema.String.ast), literalsOf(Schema.Union([Schema.String, Schema.Number]).ast), literalsOf(Schema.Union([Schema.Literal("a"), Schema.String]).ast)]).toEqual([undefined, undefined, undefined])
  })
})

describe("decodeWith: every issue, at its path, in words", () => {
  const Doc = Schema.Struct({
    kind: Schema.Literals(["eligible", "ineligible"]),
    items: Schema.Array(Schema.Struct({ n: Schema.Number })),
    name: Schema.String.check(Schema.isMinLength(1))
  })

  it("reports all issues, not only the first, with the path of each", () => {
    const r = decodeWith(Doc)({ kind: "eligble", items: [{ n: 1 }, { n: "2" }] })
    expect(Result.isFailure(r) && r.failure.map((i) => [formatPath(i.path), i.message])).toEqual([
      ["kind", 'Expected "eligible" | "ineligible" (did you mean "eligible"?)'],
      ["items[1].n", "Expected number"],
      ["name", "Missing key"]
    ])
  })

  it("an unknown key is reported on the object that holds it, only when asked for", () => {
    const doc = { kind: "eligible", items: [{ n: 1, count: 2 }], name: "x" }
    expect(Result.isSuccess(decodeWith(Doc)(doc))).toBe(true)
    const strict = decodeWith(Doc, { onExcessProperty: "error" })(doc)
    expect(Result.isFailure(strict) && strict.failure).toEqual([{ path: ["items", 0], message: 'unknown key "count"; allowed keys: n' }])
  })

  it("a failed check says what it expected; a custom message for a value matching no member of a union", () => {
    const r = decodeWith(Doc)({ kind: "eligible", items: [], name: "" })
    expect(Result.isFailure(r) && r.failure.map((i) => formatPath(i.path))).toEqual(["name"])
    const U = Schema.Union([Schema.Struct({ a: Schema.String }), Schema.Struct({ b: Schema.Number })])
    const plain = decodeWith(U)(7)
    expect(Result.isFailure(plain) && plain.failure.map((i) => i.path)).toEqual([[]])
    const custom = decodeWith(U, { noMatch: (path) => ({ path, message: "neither an a nor a b" }) })(7)
    expect(Result.isFailure(custom) && custom.failure).toEqual([{ path: [], message: "neither an a nor a b" }])
  })
})

describe("canonical JSON", () => {
  it("drops undefined members, writes non-finite numbers and a bare undefined as null", () => {
    expect(canonicalJson({ b: 1, a: undefined, c: [undefined, Number.NaN, Infinity] })).toBe('{"b":1,"c":[null,null,null]}')
    expect([canonicalJson(undefined), canonicalJson(-Infinity), canonicalJson("x")]).toEqual(["null", "null", '"x"'])
  })

  it("property: it is JSON that parses back to the value, keys sorted, and equal data hash alike (≥ 15 % of runs nest objects)", () => {
    const cov = coverage({ nested: 0.15 })
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        cov.run()
        const text = canonicalJson(v)
        cov.hit("nested", /\{[^}]*\{/.test(text))
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)))
        const reordered = JSON.parse(JSON.stringify(v), (_k, x: unknown) => (x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x))
        expect(canonicalJson(reordered)).toBe(text)
        expect(contentHash(reordered)).toBe(contentHash(v))
        expect(contentHash(v)).toMatch(/^sha256:[0-9a-f]{64}$/)
        expect(contentHash([v])).not.toBe(contentHash(v))
      })
    )
    cov.check()
  })
})
