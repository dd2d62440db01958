/**
 * @jiritsu/dashboard — the dashboard for sites and supervisors (targets vs plan, stage funnel and
 * flows, time in stage, follow-ups, national indicators, case pages), a static web app that the
 * reference service mounts at `/`. Each module is a namespace: `import { Site } from "@jiritsu/dashboard"`.
 */
export * as Site from "./Site.ts"
