/** The default "as of" date: today in Japan (JST), unless the view's URL names one. */
import { Period } from "@jiritsu/core"
import { hashParams } from "./Router.ts"

export const todayInJapan = (): Period.LocalDate => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10) as Period.LocalDate

export const paramDate = (name: string, fallback: Period.LocalDate = todayInJapan()): Period.LocalDate => {
  const raw = hashParams().get(name)
  return raw !== null && Period.parseDate(raw)._tag === "Success" ? (raw as Period.LocalDate) : fallback
}
