/**
 * Site (拠点) — what the service knows about each municipality it serves: its code (the tenant),
 * its name, its population (for the per-100k national figures), the site id its case events are
 * counted under, its Hello Work office and its data controller (the welfare office).
 *
 * @since 0.1.0
 * @module
 */
import { Consent, Fact } from "@jiritsu/core"
import { Schema } from "effect"
import { TenantCode } from "./Principal.ts"

/**
 * One municipality served (自治体の設定).
 * @category model
 * @since 0.1.0
 * @example
 * ```ts
 * const kushiro: Site.Site = {
 *   tenant: Tenant.unsafeCode("012068"),
 *   name: { ja: "釧路市", en: "Kushiro" },
 *   population: 160_000,
 *   metricSite: "kushiro_hw_desk",
 *   helloWorkOffice: "hw-kushiro",
 *   controller: { id: "kushiro-welfare-office", name: "釧路市福祉事務所" }
 * }
 * ```
 */
export const Site = Schema.Struct({
  tenant: TenantCode,
  name: Fact.Labels,
  /** Population (人口), for per-100k-per-month figures. */
  population: Schema.Int.check(Schema.isGreaterThanOrEqualTo(1)),
  /** The site id case events are counted under (`Metric` site), e.g. `shinagawa_employment_centre`. */
  metricSite: Schema.String.check(Schema.isNonEmpty()),
  /** The Hello Work office at the integrated desk (the consent recipient id), e.g. `hw-shinagawa`. */
  helloWorkOffice: Consent.Id,
  /** The data controller named in consent records (福祉事務所). */
  controller: Consent.Controller
}).annotate({ identifier: "Site" })
/** @category model */
export type Site = typeof Site.Type
