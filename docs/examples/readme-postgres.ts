// packages/postgres/README.md: an event store with nothing installed (embedded PGlite), as Promises.
import { Client } from "@jiritsu/postgres"

const db = await Client.open({ tenant: "012068" }) // 釧路市; pass { url: process.env.DATABASE_URL } for a server
await db.events.append("case-0001", 0, [{ type: "CaseOpened", data: { subjectId: "p-1" } }])
const conflict = await db.events.append("case-0001", 0, [{ type: "Noted", data: {} }]).catch((e: { _tag: string; actual: number }) => e)
console.log("_tag" in conflict ? `${conflict._tag}: the stream is at ${conflict.actual}` : "appended") // VersionConflict: the stream is at 1
const [first] = await db.events.readStream("case-0001")
console.log(first?.type, first?.version, first?.position) // CaseOpened 1 1
await db.close()
