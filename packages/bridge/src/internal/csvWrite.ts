// Writing CSV: RFC 4180 quoting (a field with a comma, quote, CR or LF, or surrounding spaces is
// quoted, quotes doubled), CRLF line ends as spreadsheet software on Windows expects.
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

export const csvField = (value: string, delimiter = ","): string =>
  NEEDS_QUOTES.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value

export const csvLine = (values: ReadonlyArray<string>, delimiter = ","): string => values.map((v) => csvField(v, delimiter)).join(delimiter) + "\r\n"
