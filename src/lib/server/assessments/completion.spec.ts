import { describe, expect, it } from 'vitest';
import { narrowForReminder, notSubmitted, type CompletionRow, type RespondentProgress } from './completion';

const person = (userId: string, status: RespondentProgress['status']): RespondentProgress => ({
	userId,
	name: userId,
	email: `${userId}@hamar.no`,
	locale: null,
	grantId: `g-${userId}`,
	responseId: null,
	status,
	answered: 0,
	lastActivity: null,
	submittedAt: null
});
const row = (sectorId: string, respondents: RespondentProgress[]): CompletionRow => ({
	assessmentId: `a-${sectorId}`,
	municipalityId: 'm',
	municipality: 'Hamar',
	sectorId,
	sector: sectorId,
	status: 'in_progress',
	team: 'confidential',
	items: 42,
	respondents,
	signoff: null,
	signoffNote: null,
	signoffAt: null
});
const rows = [row('s1', [person('kari', 'not_started'), person('ola', 'in_progress'), person('per', 'submitted')]), row('s2', [person('liv', 'reopened')])];
const reminded = (target: Parameters<typeof narrowForReminder>[1]) => notSubmitted(narrowForReminder(rows, target)).map((p) => p.userId);

describe('narrowForReminder', () => {
	it('reminds everyone who has not submitted, or only those not started, or only those under way', () => {
		expect(reminded({ kind: 'all' })).toEqual(['kari', 'ola', 'liv']);
		expect(reminded({ kind: 'not_started' })).toEqual(['kari']);
		expect(reminded({ kind: 'in_progress' })).toEqual(['ola', 'liv']);
	});

	it('reminds one sector', () => {
		expect(reminded({ kind: 'sector', sectorId: 's2' })).toEqual(['liv']);
	});
});
