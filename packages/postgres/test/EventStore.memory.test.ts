import { EventStore } from "@jiritsu/postgres"
import { eventStoreContract } from "./contract/eventStore.ts"

eventStoreContract("memory", EventStore.layerMemory())
