/**
 * The English catalogue defines the keys; nb.ts and sv.ts must provide every one of
 * them (the type checker enforces it). `{name}` marks a parameter.
 */
export const en = {
	'app.demo_banner': 'Demonstration: every collaboration, person and answer here is generated, not real.',
	'app.name': 'Moden',
	'app.tagline': 'Digital maturity, measured together',
	'app.skip_to_content': 'Skip to main content',
	'nav.label': 'Main navigation',
	'nav.home': 'Home',
	'language.label': 'Language',
	'language.nb': 'Norsk bokmål',
	'language.sv': 'Svenska',
	'language.en': 'English',
	'language.change': 'Change language',
	'home.title': 'Digital maturity for municipal collaborations',
	'home.lead':
		'Moden lets an inter-municipal digitalisation collaboration measure the digital maturity of every member municipality, sector by sector, once a year — and follow the change over time.',
	'home.who.title': 'Who it is for',
	'home.who.respondents': 'Sector heads answer the maturity questionnaire for their sector, together with their team.',
	'home.who.coordinators': 'Coordinators in each municipality follow completion, review and sign off.',
	'home.who.leaders':
		'Leadership teams and the collaboration board compare their municipality with the collaboration and with anonymous peers, year over year.',
	'home.dimensions.title': 'Five dimensions',
	'home.dimensions.lead': 'The instrument looks at digital maturity from five sides:',
	'dimension.culture': 'Culture',
	'dimension.strategy': 'Strategy',
	'dimension.leadership': 'Leadership',
	'dimension.competence': 'Competence',
	'dimension.technology': 'Technology',
	'home.privacy.title': 'Comparisons that respect privacy',
	'home.privacy.text':
		'Benchmarks are shown only for groups of at least five organisations, and members see each other by name only where the collaboration has decided so.',
	'home.today': 'Today is {date}.',
	'footer.text': 'Moden — self-assessment of digital maturity for municipalities in Norway and Sweden.',
	'nav.questionnaires': 'Questionnaires',
	'questionnaires.title': 'Questionnaires',
	'questionnaires.lead': 'The published versions of the maturity instruments. A published version never changes; a new edition is a new version with a crosswalk to the previous one.',
	'questionnaires.none': 'No questionnaire has been published yet.',
	'questionnaires.name': 'Questionnaire',
	'questionnaires.version': 'Version',
	'questionnaires.items': 'Questions',
	'questionnaires.published': 'Published',
	'questionnaires.item_count': '{count} questions',
	'questionnaires.compared_with': 'compared with version {version}',
	'questionnaires.scoring': 'How answers are scored',
	'questionnaires.scoring_text': 'Levels 1 to 5 give {values} points. A dimension gets a score only when at least {coverage} % of its weight is answered; “don’t know” and “not applicable” do not count. Scores are averaged first and then placed in these levels:',
	'questionnaires.dimensions': 'Dimensions',
	'questionnaires.kind_practice': 'Practice',
	'questionnaires.kind_perception': 'Assessment',
	'questionnaires.na_allowed': '“Not applicable” allowed',
	'questionnaires.status_new': 'New in this version',
	'questionnaires.status_reworded': 'Reworded, comparable',
	'questionnaires.status_changed': 'Changed, not comparable',
	'questionnaires.status_identical': 'Unchanged',
	'questionnaires.status_retired': 'Retired',
	'questionnaires.recommendations': 'Recommendations: how to reach the next level',
	'questionnaires.retired': 'Questions from version {version} no longer asked',
	'error.title': 'Something went wrong',
	'error.not_found': 'The page was not found.',
	'error.back_home': 'Back to the home page',
	'error.unavailable': 'The database is not answering just now. Nothing saved is lost; try again in a moment.'
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
