// Examples that pin down the decoding and hashing helpers' behaviour (paths, suggestions, issue
// flattening), found by mutation testing: each states a case the other tests left open.
import { Result, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { decodeWith, issuesOf, suggest, unknownKeyMessage } from "../src/internal/decode.ts"

describe("did you mean: what counts as close", () => {
  it("two letters count as one edit only when they are neighbours swapped; a letter moved past a different one is two", () => {
    // "ab" → "ba" swaps the pair; "ab" → "ca" and "ab" → "bc" each keep one letter but move it past a new one.
    expect([suggest("ab", ["ba"]), suggest("ab", ["ca"]), suggest("ab", ["bc"])]).toEqual(["ba", undefined, undefined])
    expect([suggest("xab", ["xca"]), suggest("xab", ["xbc"]), suggest("xab", ["xba"])]).toEqual([undefined, undefined, "xba"])
  })

  it("a word that differs from a candidate only in case is suggested, however many letters differ", () => {
    expect(suggest("MIN", ["min"])).toBe("min")
    expect(suggest("Min", ["max", "MIN"])).toBe("MIN")
    expect(unknownKeyMessage("MAX", ["min", "max"])).toBe('unknown key "MAX" (did you mean "max"?)')
  })
})

describe("decodeWith: how each kind of issue is worded", () => {
  it("a failed check that carries its own message reports that message at the field's path", () => {
    const S = Schema.Struct({ name: Schema.String.check(Schema.isMinLength(3, { message: "a name has at least three letters" })) })
    expect(decodeWith(S)({ name: "ab" })).toEqual(Result.fail([{ path: ["name"], message: "a name has at least three letters" }]))
  })

  it("a failed transformation reports the issue of its encoded side, at the transformed field's path", () => {
    expect(decodeWith(Schema.FiniteFromString)(5)).toEqual(Result.fail([{ path: [], message: "Expected string" }]))
    expect(decodeWith(Schema.Struct({ n: Schema.FiniteFromString }))({ n: 5 })).toEqual(Result.fail([{ path: ["n"], message: "Expected string" }]))
  })

  it("a string matching no member of a union of non-literals gets Effect's wording and no suggestion", () => {
    const S = Schema.Struct({ a: Schema.Union([Schema.Number, Schema.Boolean]) })
    expect(decodeWith(S)({ a: "x" })).toEqual(Result.fail([{ path: ["a"], message: "Expected number | boolean" }]))
  })

  it("an extra element of a tuple, when excess is an error, is reported on the tuple as an element too many, not as a key", () => {
    const one = Schema.Struct({ t: Schema.Tuple([Schema.String]) })
    expect(decodeWith(one, { onExcessProperty: "error" })({ t: ["a", "b"] })).toEqual(Result.fail([{ path: ["t"], message: "unexpected element [1]: expected 1 element" }]))
    const two = Schema.Struct({ t: Schema.Tuple([Schema.String, Schema.Number]) })
    expect(decodeWith(two, { onExcessProperty: "error" })({ t: ["a", 1, true] })).toEqual(Result.fail([{ path: ["t"], message: "unexpected element [2]: expected 2 elements" }]))
  })
})

describe("decodeWith: failed checks say what they expect", () => {
  it("a built-in check is worded by its expectation; several failing on one value are all required, so joined by and, once", () => {
    const bound = Schema.Struct({ n: Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 150 })) })
    expect(decodeWith(bound)({ n: 1.5 })).toEqual(Result.fail([{ path: ["n"], message: "Expected an integer" }]))
    expect(decodeWith(bound)({ n: 200 })).toEqual(Result.fail([{ path: ["n"], message: "Expected a value between 0 and 150" }]))
    expect(decodeWith(bound)({ n: 200.5 })).toEqual(Result.fail([{ path: ["n"], message: "Expected an integer and a value between 0 and 150" }]))
    // A group of checks fails through the member that failed.
    const named = Schema.Struct({ n: Schema.Number.check(Schema.isInt32()) })
    expect(decodeWith(named)({ n: 0.5 })).toEqual(Result.fail([{ path: ["n"], message: "Expected an integer" }]))
    const group = Schema.Struct({ n: Schema.Number.check(Schema.makeFilterGroup([Schema.isInt(), Schema.isGreaterThan(0)])) })
    expect(decodeWith(group)({ n: -0.5 })).toEqual(Result.fail([{ path: ["n"], message: "Expected an integer and a value greater than 0" }]))
    // NaN is no number at all: the plain wording stays, for callers to refine.
    expect(decodeWith(bound)({ n: NaN })).toEqual(Result.fail([{ path: ["n"], message: "Expected a valid value" }]))
  })
})

describe("issuesOf: the input only adds suggestions", () => {
  const Doc = Schema.Struct({ kind: Schema.Literals(["eligible", "ineligible"]) })
  const failed = Schema.decodeUnknownResult(Doc)({ kind: "eligble" })
  const error = Result.isFailure(failed) ? failed.failure : undefined

  it("with no input, a null input or one without the field, a near-miss enumeration value is reported without a suggestion", () => {
    expect(error).toBeDefined()
    const plain = [{ path: ["kind"], message: 'Expected "eligible" | "ineligible"' }]
    expect(issuesOf(error!)).toEqual(plain)
    expect(issuesOf(error!, null)).toEqual(plain)
    expect(issuesOf(error!, { other: 1 })).toEqual(plain)
    expect(issuesOf(error!, { kind: "eligble" })).toEqual([{ path: ["kind"], message: 'Expected "eligible" | "ineligible" (did you mean "eligible"?)' }])
  })
})
