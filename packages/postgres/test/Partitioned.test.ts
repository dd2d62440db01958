// The suites again with every table declaratively partitioned by HASH (tenant) — the closest this
// machine gets to distributing by tenant on Citus: nothing may depend on one heap.
import { assert, layer } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { SqlClient } from "effect/sql"
import { EventStore, Migrations, Tenant } from "@jiritsu/postgres"
import { TestDatabase } from "@jiritsu/postgres/testing"
import { eventStoreContract, tenantA, tenantB } from "./contract/eventStore.ts"
import { ledgers } from "./suites/ledgers.ts"
import { readModels } from "./suites/readModels.ts"

const partitioned = TestDatabase.layer({ layout: "partitioned" })

layer(EventStore.layerSql().pipe(Layer.provideMerge(partitioned)), { timeout: 180_000 })("partitioned layout", (it) => {
  it.effect("every table is partitioned by tenant, with tenant first in its primary key, and tenants land in their partitions", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      assert.strictEqual(yield* Migrations.layoutOf, "partitioned")
      const tables = yield* sql<{ readonly name: string; readonly strategy: string; readonly key: string; readonly pk: string }>`
        SELECT c.relname AS name, p.partstrat AS strategy, a.attname AS key,
               (SELECT string_agg(k.attname, ',' ORDER BY x.n) FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS x(attnum, n)
                  JOIN pg_attribute k ON k.attrelid = i.indrelid AND k.attnum = x.attnum WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
        FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.partattrs[0]
        WHERE n.nspname = current_schema() ORDER BY c.relname`
      assert.isAtLeast(tables.length, 13)
      for (const t of tables) {
        assert.deepStrictEqual([t.strategy, t.key], ["h", "tenant"], t.name)
        assert.strictEqual(t.pk.split(",")[0], "tenant", t.name)
      }
      const store = yield* EventStore.EventStore
      for (const tenant of [tenantA, tenantB, Tenant.unsafeCode("141003"), Tenant.unsafeCode("131016")]) {
        yield* store.append(`placed-${tenant}`, 0, [{ type: "Placed", data: {} }]).pipe(Tenant.withTenant(tenant))
      }
      const spread = yield* sql<{ readonly partitions: unknown }>`SELECT count(DISTINCT tableoid) AS partitions FROM jiritsu_events`
      assert.isAbove(Number(spread[0]!.partitions), 1, "rows of different tenants live in different partitions")
    })
  )
})

eventStoreContract("partitioned by tenant", EventStore.layerSql().pipe(Layer.provide(partitioned)))
readModels("partitioned")
ledgers("partitioned")
