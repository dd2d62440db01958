// Every built-in programme is a value of the core's Programme schema: it survives a JSON round trip
// through Programme.decode with the same content hash, and Programme.check finds no error in it.
import { Programme } from "@jiritsu/core"
import { describe, expect, it } from "vitest"
import { Catalogue } from "../src/index.ts"

describe("catalogue programmes as core Programme documents", () => {
  for (const programme of Catalogue.catalogue.programmes) {
    it(`${programme.id} decodes from JSON with the same hash`, () => {
      const decoded = Programme.decode(JSON.parse(JSON.stringify(programme)))
      if (decoded._tag === "Failure") throw new Error(decoded.failure.message)
      expect(Programme.hash(decoded.success)).toBe(Programme.hash(programme))
    })

    it(`${programme.id} has no error-level finding`, () => {
      expect(Programme.check(programme).filter((f) => f.severity === "error")).toEqual([])
    })
  }
})
