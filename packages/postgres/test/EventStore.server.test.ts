import { describe, it } from "@effect/vitest"
import { Layer } from "effect"
import { EventStore } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { eventStoreContract } from "./contract/eventStore.ts"

if (TestDatabase.serverUrl() !== undefined) {
  eventStoreContract("PostgreSQL server (DATABASE_URL)", EventStore.layerSql().pipe(Layer.provide(TestDatabase.layer())))
} else {
  describe("EventStore contract: PostgreSQL server", () => {
    it.skip("needs DATABASE_URL", () => undefined)
  })
}
