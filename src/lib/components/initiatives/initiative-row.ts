/** What a row of InitiativeTable needs of an initiative. */
export interface Row {
	id: string;
	title: string;
	scope: 'sector' | 'municipality' | 'collaboration';
	sector: string | null;
	ownerName: string | null;
	dueOn: string | null;
	status: 'planned' | 'in_progress' | 'done' | 'dropped';
	overdue: boolean;
}
