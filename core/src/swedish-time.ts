const dateInSweden = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Sweden at `moment`, as `YYYY-MM-DD`: a register keeps Swedish dates. */
export function swedishDate(moment: Date): string {
  return dateInSweden.format(moment);
}

/** The year a case registered at `moment` is numbered in: the Swedish calendar year. */
export function registrationYear(moment: Date): number {
  return Number(swedishDate(moment).slice(0, 4));
}
