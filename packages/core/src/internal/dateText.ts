/**
 * The one shape of a date as text, `YYYY-MM-DD`. Dates in this shape sort as text exactly as they
 * sort as dates, which is why the rule engine compares them with `<` and `<=`; a value of any
 * other shape ("", "0", "1980/1/2") would sort before or after every bound, so date clauses fail
 * it. Period adds the calendar check (month lengths, years 1873–9999) on top of the same shape.
 */
export const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/

/** A string of the date shape. The length test first keeps the common miss cheap. */
export const isDateText = (v: unknown): v is string => typeof v === "string" && v.length === 10 && DATE_TEXT.test(v)
