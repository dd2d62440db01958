import { Rule, Programme } from "@jiritsu/core"
import { Result, Schema } from "effect"
import { Variant, Catalogue, TestCase } from "../src/index.ts"
import { readFileSync } from "node:fs"
const doc = JSON.parse(readFileSync("test/fixtures/sakura.variant.json", "utf8"))
doc.variants[0].windows[0].exceptions[0].when = { kind: "age", id: "x.age", labels: { ja: "a", en: "a" }, fact: "birth_date", mni: 15, max: 39 }
const r = Variant.decode(doc, Catalogue.catalogue, "v.json")
console.log(Result.isFailure(r) ? r.failure.issues : "ok")
const r2 = Rule.decode({ kind: "all", id: "x", labels: { ja: "a", en: "a" }, children: [{ kind: "age", id: "x.age", labels: { ja: "a", en: "a" }, fact: "birth_date", mni: 15, max: 39 }] })
console.log(Result.isFailure(r2) ? r2.failure.issues : "ok")
const S = Schema.Struct({ a: Schema.String, b: Schema.optionalKey(Schema.Literals(["x","y"])) })
const d = Schema.decodeUnknownResult(S, { errors: "all", onExcessProperty: "error" })({ a: "q", bb: 1, b: "z" })
if (Result.isFailure(d)) { const i: any = d.failure.issue; console.log(JSON.stringify(i, (k, v) => k === "ast" ? (v?._tag) : v, 1).slice(0, 3000)) }
