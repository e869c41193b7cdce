import type { CompletionRow } from '../assessments/completion';

/**
 * What the signed-in home says about a round's completion: counts over the assessments a
 * person follows, and what needs them. Pure, over the rows the round page shows, so the
 * home and the round page cannot disagree.
 */
export interface CompletionSummary {
	assessments: number;
	submitted: number;
	approved: number;
	/** submitted and not yet approved: the coordinator's sign-off is due */
	awaitingSignoff: number;
	/** returned to the respondents and not submitted again */
	returned: number;
	/** assessments nobody is assigned to answer */
	withoutRespondents: number;
	notStarted: number;
}

export function completionSummary(rows: readonly Pick<CompletionRow, 'status' | 'signoff' | 'respondents'>[]): CompletionSummary {
	const count = (test: (row: (typeof rows)[number]) => boolean) => rows.filter(test).length;
	return {
		assessments: rows.length,
		submitted: count((r) => r.status === 'submitted'),
		approved: count((r) => r.status === 'submitted' && r.signoff === 'approved'),
		awaitingSignoff: count((r) => r.status === 'submitted' && r.signoff !== 'approved'),
		returned: count((r) => r.status !== 'submitted' && r.signoff === 'returned'),
		withoutRespondents: count((r) => !r.respondents.some((p) => p.grantId !== null)),
		notStarted: count((r) => r.status === 'not_started')
	};
}
