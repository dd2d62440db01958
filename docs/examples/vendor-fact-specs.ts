// Facts from a form, decoded at the boundary against the catalogue's fact declarations (Catalogue.factSpecs).
import { Fact } from "@jiritsu/core"
import { Catalogue } from "@jiritsu/catalog"

const specs = Catalogue.factSpecs(Catalogue.catalogue) // your own facts too, after Catalogue.extend
const fromForm: unknown = { target_groups: ["welfare_recipient"], abel_to_work: true, motivated: "yes" }
const decoded = Fact.decodeFacts(fromForm, specs)
if (decoded._tag === "Failure") for (const i of decoded.failure.issues) console.log(`${i.path.join(".")}: ${i.message}`)
// abel_to_work: unknown fact "abel_to_work" (did you mean "able_to_work"?)
// motivated: expected a boolean, got "yes"
