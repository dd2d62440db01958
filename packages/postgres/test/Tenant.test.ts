import { describe, expect, it } from "vitest"
import fc from "fast-check"
import { Result } from "effect"
import { Tenant } from "@jiritsu/postgres"

describe("Tenant municipality codes (地方公共団体コード)", () => {
  it("accepts real codes with their check digits", () => {
    for (const code of ["011002", "012068", "131016", "131091", "141003", "010006", "072036", "332011"]) {
      expect(Result.isSuccess(Tenant.parseCode(code)), code).toBe(true)
    }
  })

  it("names the reason for a wrong one", () => {
    const r = Tenant.parseCode("012069")
    expect(Result.isFailure(r) && r.failure.message).toMatch(/check digit of 012069 should be 8/)
    expect(Result.isFailure(Tenant.parseCode("482001")) && Tenant.parseCode("482001")).toBeTruthy()
  })

  describe("properties", () => {
    it("every 5-digit prefix has exactly one valid check digit", () => {
      let tenFold = 0
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 47 }), fc.integer({ min: 0, max: 999 }), (pref, rest) => {
          const five = `${String(pref).padStart(2, "0")}${String(rest).padStart(3, "0")}`
          const valid = Array.from({ length: 10 }, (_, d) => Result.isSuccess(Tenant.parseCode(`${five}${d}`))).filter(Boolean).length
          let sum = 0
          for (let i = 0; i < 5; i++) sum += Number(five[i]) * (6 - i)
          if (sum % 11 <= 1) tenFold++ // remainders 0 and 1: the check digit wraps (11 → 1, 10 → 0)
          return valid === 1
        })
      )
      expect(tenFold).toBeGreaterThan(20)
    })

    it("generated garbage is refused with a message, never thrown", () => {
      let wrongDigitOnly = 0
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{6}$/), fc.integer(), fc.constant(null)), (input) => {
          const r = Tenant.parseCode(input)
          if (Result.isSuccess(r)) return typeof input === "string" && /^[0-9]{6}$/.test(input)
          if (typeof input === "string" && /^[0-9]{6}$/.test(input) && /check digit/.test(r.failure.message)) wrongDigitOnly++
          return r.failure.message.length > 0 && r.failure.path[0] === "tenant"
        })
      )
      expect(wrongDigitOnly).toBeGreaterThan(50)
    })
  })
})
