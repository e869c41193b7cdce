/**
 * The dates the form for a new round suggests: from today for six weeks, unless a round
 * not yet closed still runs then; the suggestion then starts the day after that round
 * closes, and the admin is told why. Pure, over yyyy-mm-dd strings of the collaboration's
 * own calendar (calendar.ts gives today).
 */
export interface RoundDates {
	opensOn: string;
	closesOn: string;
	/** the round the suggestion steps around: still open or upcoming, closing on or after today */
	overlaps: { year: number; closesOn: string } | null;
}

const DEFAULT_WEEKS = 6;

export function suggestedRoundDates(today: string, rounds: readonly { year: number; closesOn: string; state: string }[]): RoundDates {
	const running = rounds.filter((r) => r.state !== 'closed' && r.closesOn >= today).sort((a, b) => b.closesOn.localeCompare(a.closesOn))[0];
	const opensOn = running ? addDays(running.closesOn, 1) : today;
	return { opensOn, closesOn: addDays(opensOn, DEFAULT_WEEKS * 7), overlaps: running ? { year: running.year, closesOn: running.closesOn } : null };
}

function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}
