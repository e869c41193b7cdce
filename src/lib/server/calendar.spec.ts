import { describe, expect, it } from 'vitest';
import { dayIn, timeZoneOf, yearIn } from './calendar';

describe('the calendar', () => {
	it('gives the day in the collaboration’s time zone, not the server’s or UTC', () => {
		// 23:30 UTC on New Year's Eve is already the new year in Oslo and Stockholm.
		const late = new Date('2026-12-31T23:30:00Z');
		expect(dayIn(timeZoneOf('NO'), late)).toBe('2027-01-01');
		expect(dayIn(timeZoneOf('SE'), late)).toBe('2027-01-01');
		expect(yearIn(timeZoneOf('NO'), late)).toBe(2027);
		expect(late.toISOString().slice(0, 10)).toBe('2026-12-31');
	});

	it('counts days across the change to summer time', () => {
		const before = new Date('2027-03-27T22:30:00Z'); // 23:30 in Oslo, the night the clocks go forward
		expect(dayIn('Europe/Oslo', before)).toBe('2027-03-27');
		expect(dayIn('Europe/Oslo', before, 1)).toBe('2027-03-28');
		expect(dayIn('Europe/Oslo', before, 42)).toBe('2027-05-08');
	});

	it('takes Norway’s zone for a country it does not know', () => {
		expect(timeZoneOf('XX')).toBe('Europe/Oslo');
		expect(timeZoneOf('SE')).toBe('Europe/Stockholm');
	});
});
