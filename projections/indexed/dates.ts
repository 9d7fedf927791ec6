/** A date `YYYY-MM-DD` as a number that orders as the text does (YYYYMMDD). */
export const dateNumber = (date: string): number =>
  Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10))
