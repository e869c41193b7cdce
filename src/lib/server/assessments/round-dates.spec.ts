import { describe, expect, it } from 'vitest';
import { suggestedRoundDates } from './round-dates';

describe('suggestedRoundDates', () => {
	it('suggests today and six weeks when no round runs', () => {
		expect(suggestedRoundDates('2026-12-06', [{ year: 2025, closesOn: '2025-11-30', state: 'closed' }])).toEqual({
			opensOn: '2026-12-06',
			closesOn: '2027-01-17',
			overlaps: null
		});
	});

	it('starts the day after the latest round still running, and says which', () => {
		const rounds = [
			{ year: 2026, closesOn: '2027-02-04', state: 'open' },
			{ year: 2027, closesOn: '2027-04-30', state: 'upcoming' },
			{ year: 2025, closesOn: '2025-11-30', state: 'closed' }
		];
		expect(suggestedRoundDates('2026-12-06', rounds)).toEqual({
			opensOn: '2027-05-01',
			closesOn: '2027-06-12',
			overlaps: { year: 2027, closesOn: '2027-04-30' }
		});
	});

	it('does not step around a round closed early', () => {
		expect(suggestedRoundDates('2026-12-06', [{ year: 2026, closesOn: '2027-02-04', state: 'closed' }]).overlaps).toBeNull();
	});
});
