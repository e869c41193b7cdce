/**
 * Disclosure control: why a number is hidden, what a publication rests on, and how a
 * team of respondents shares its answers. English defines the keys.
 */
export const en = {
	'privacy.withheld_because': 'withheld: {reason}',
	'privacy.reason.too_few': 'fewer than {k} municipalities',
	'privacy.reason.insider': 'fewer than {k} besides your own',
	'privacy.reason.dominance': 'their scores are so alike that the number would give them away',
	'privacy.reason.difference': 'it would show what changed since it was last shown',
	'privacy.reason.complementary': 'hidden so that another hidden number cannot be worked out',
	'privacy.reason.respondents': 'shown once at least 3 have submitted, as the team is confidential',
	'privacy.others_hidden': 'The other members are not shown: {reason}.',
	'privacy.publication': 'Peer figures published {date} from {rounds} rounds of {year}, {closed} of them closed.',
	'privacy.publication_provisional': 'Provisional: some of the rounds behind them are still open.',
	'privacy.no_publication': 'No peer figures are published for this round yet.',
	'privacy.lead':
		'No one can work out a number they are not entitled to see, even by combining everything shown: numbers about too few organisations are hidden, and so are numbers that would give a hidden one away.',
	'privacy.team': 'Team',
	'privacy.team.confidential': 'Confidential',
	'privacy.team.open': 'Open',
	'privacy.team.confidential_note':
		'Your answers are confidential: those who answer with you see only pooled results, and only once at least 3 have submitted.',
	'privacy.team.open_note': 'This is an open team: those who answer this assessment with you see each other’s answers.',
	'privacy.team.change': 'Change team for {sector}',
	'privacy.team.save': 'Save',
	'privacy.team.refused.answered': 'Someone has already answered in confidence: the answers cannot be opened to the team now.',
	'privacy.team.refused.round_closed': 'The round is closed.',
	'privacy.team.refused.not_found': 'The assessment was not found.',
	'privacy.team.refused.forbidden': 'Only the municipality’s coordinator or the collaboration’s admins can change this.',
	'privacy.team.saved': 'The team setting is saved.',
	'privacy.team.explain':
		'Confidential: respondents see only pooled results, from 3 respondents on. Open: respondents see each other’s answers. Coordinators and the leadership team always see the sector’s pooled result.'
};
