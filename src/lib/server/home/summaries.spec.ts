import { describe, expect, it } from 'vitest';
import type { RespondentProgress } from '../assessments/completion';
import { completionSummary } from './summaries';

const person = (grantId: string | null): RespondentProgress => ({
	userId: 'u',
	name: 'n',
	email: 'e',
	locale: null,
	grantId,
	responseId: null,
	status: 'not_started',
	answered: 0,
	lastActivity: null,
	submittedAt: null
});

describe('completionSummary', () => {
	it('counts what needs the coordinator', () => {
		const summary = completionSummary([
			{ status: 'submitted', signoff: null, respondents: [person('g1')] },
			{ status: 'submitted', signoff: 'approved', respondents: [person('g2')] },
			{ status: 'submitted', signoff: 'returned', respondents: [person('g3')] },
			{ status: 'reopened', signoff: 'returned', respondents: [person('g4')] },
			{ status: 'not_started', signoff: null, respondents: [] },
			{ status: 'in_progress', signoff: null, respondents: [person(null)] }
		]);
		expect(summary).toEqual({ assessments: 6, submitted: 3, approved: 1, awaitingSignoff: 2, returned: 1, withoutRespondents: 2, notStarted: 1 });
	});
});
