/**
 * The published instruments: the list of questionnaires and a version's preview.
 * English defines the keys; the other languages must have exactly these.
 */
export const en = {
	'questionnaires.title': 'Questionnaires',
	'questionnaires.lead':
		'The published versions of the maturity instruments. A published version never changes; a new edition is a new version with a crosswalk to the previous one.',
	'questionnaires.none': 'No questionnaire has been published yet.',
	'questionnaires.name': 'Questionnaire',
	'questionnaires.version': 'Version',
	'questionnaires.items': 'Questions',
	'questionnaires.published': 'Published',
	'questionnaires.item_count': '{count} questions',
	'questionnaires.compared_with': 'compared with version {version}',
	'questionnaires.scoring': 'How answers are scored',
	'questionnaires.scoring_text':
		'Each answer is scored from 0 to 100 (a scale’s points, unless the question says otherwise: {values}). A dimension gets a score only when at least {coverage} % of its weight is answered; “don’t know” and “not applicable” do not count. Scores are averaged first and then placed in these levels:',
	'questionnaires.dimensions': 'Dimensions',
	'questionnaires.kind_practice': 'Practice',
	'questionnaires.kind_perception': 'Assessment',
	'questionnaires.na_allowed': '“Not applicable” allowed',
	'questionnaires.status_new': 'New in this version',
	'questionnaires.status_reworded': 'Reworded, comparable',
	'questionnaires.status_changed': 'Changed, not comparable',
	'questionnaires.status_identical': 'Unchanged',
	'questionnaires.status_retired': 'Retired',
	'questionnaires.sources': 'Sources',
	'questionnaires.score_band': '{from} or more: {score} points',
	'questionnaires.recommendations': 'Recommendations: how to reach the next level',
	'questionnaires.retired': 'Questions from version {version} no longer asked'
} as const;
