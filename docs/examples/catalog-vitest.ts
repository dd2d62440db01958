// A team's vitest file: one test per declarative case, the verdict trace in each failure message.
// (Put it in your package's test/ folder; `catalogue` is your extended catalogue.)
import { Catalogue } from "@jiritsu/catalog"
import { describeRuleCases } from "@jiritsu/catalog/vitest"

describeRuleCases(new URL("../cases", import.meta.url), { catalogue: Catalogue.catalogue, title: "our municipal rules" })
