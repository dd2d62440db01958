// The README example: read a Shift_JIS file with a mapping, check its rows, export a table.
import { Result } from "effect"
import { Export, Mapping, Reader } from "@jiritsu/bridge"

const samples = new URL("../guides/samples/", import.meta.url).pathname
const mapping = await Mapping.load(`${samples}welfare-status.mapping.json`)
if (Result.isFailure(mapping)) throw new Error(mapping.failure.message)
const { rows, errors, summary } = await Reader.readAll(`${samples}welfare-status.shift_jis.csv`, mapping.success)
console.log(`${summary.encoding}: ${rows.length} valid rows, ${errors.length} reported`) // shift_jis: 7 valid rows, 2 reported
for (const e of errors) console.log(`line ${e.line} [${e.column}]: ${e.reasonEn}`)
const table = { title: { ja: "受給者", en: "recipients" }, columns: [{ key: "id", ja: "番号", en: "id" }], rows: rows.map((r) => ({ id: r.record.sourceId })) }
console.log(Result.isSuccess(Export.toCsv(table, "shift_jis"))) // true: every value round-trips
