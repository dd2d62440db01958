/**
 * @jiritsu/bridge — connecting existing welfare systems (既存システム連携): file import in UTF-8
 * and Shift_JIS, an idempotent import store, pull sync, and reports handed back.
 * Each module is a namespace: `import { Reader, Mapping } from "@jiritsu/bridge"`.
 */
export * as Status from "./Status.ts"
export * as Dates from "./Dates.ts"
export * as Encoding from "./Encoding.ts"
export * as Mapping from "./Mapping.ts"
export * as ErrorReport from "./ErrorReport.ts"
export * as Reader from "./Reader.ts"
export * as ImportStore from "./ImportStore.ts"
export * as WelfareSystem from "./WelfareSystem.ts"
export * as Sync from "./Sync.ts"
export * as Export from "./Export.ts"
export * as Reports from "./Reports.ts"
