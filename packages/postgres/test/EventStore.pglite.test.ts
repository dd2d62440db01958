import { Layer } from "effect"
import { EventStore } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { eventStoreContract } from "./contract/eventStore.ts"

eventStoreContract("embedded PGlite", EventStore.layerSql().pipe(Layer.provide(TestDatabase.layer({ url: null }))))
