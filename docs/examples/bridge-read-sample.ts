// Connecting an existing welfare system: read the sample file in both encodings with one mapping.
import { ErrorReport, Mapping, Reader } from "@jiritsu/bridge"

const samples = new URL("../guides/samples/", import.meta.url).pathname
const mapping = await Mapping.load(`${samples}welfare-status.mapping.json`)
if (mapping._tag === "Failure") throw new Error(mapping.failure.message)

for (const file of ["welfare-status.utf-8.csv", "welfare-status.shift_jis.csv"]) {
  const { rows, errors, summary } = await Reader.readAll(`${samples}${file}`, mapping.success)
  console.log(`${file}: ${summary.encoding}, ${rows.length} valid, ${errors.length} problems`)
  for (const e of errors) console.log("  " + ErrorReport.describe(e))
}
