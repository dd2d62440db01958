import { Effect, Layer } from "effect"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { Tenant } from "@jiritsu/postgres"
import * as ImportStore from "../src/ImportStore.ts"
import * as Mapping from "../src/Mapping.ts"
import iconv from "iconv-lite"
import { writeFileSync } from "node:fs"
const m = await Mapping.load(new URL("./fixtures/mapping.json", import.meta.url).pathname)
if (m._tag === "Failure") throw m.failure
const N = Number(process.argv[2] ?? 20000)
let s = "受給者番号,宛名番号,氏名カナ,制度,状態,開始日,終了日,生年月日,世帯番号,担当\r\n"
for (let i = 0; i < N; i++) s += `A${i},P${i},ﾔﾏﾀﾞ ﾀﾛｳ,生活保護,受給中,令和${2 + (i % 5)}年${1 + (i % 12)}月${1 + (i % 28)}日,,昭和50年1月1日,H${i},第1係\r\n`
writeFileSync("/tmp/smoke.csv", iconv.encode(s, "cp932"))
const prog = Effect.gen(function* () {
  const t0 = performance.now()
  const r = yield* ImportStore.importFile("/tmp/smoke.csv", m.success)
  console.log(r.status, r.recorded, r.changed, r.unchanged, ((performance.now() - t0)/1000).toFixed(2), "s")
  const r2 = yield* ImportStore.importFile("/tmp/smoke.csv", m.success)
  console.log(r2.status)
  console.log(yield* ImportStore.counts)
  console.log(yield* ImportStore.statusAsOf("P5", "2025-01-01" as never))
  console.log((yield* ImportStore.changesSince(undefined, 2)).changes.length)
})
await Effect.runPromise(prog.pipe(Effect.provide(Layer.merge(TestDatabase.layer({ namespaces: [ImportStore.migrations] }), Tenant.layer(Tenant.unsafeCode("131091"))))))
