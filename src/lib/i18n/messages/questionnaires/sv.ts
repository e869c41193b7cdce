import type { en } from './en';

export const sv = {
	'questionnaires.title': 'Frågeformulär',
	'questionnaires.lead':
		'De publicerade versionerna av mognadsinstrumenten. En publicerad version ändras aldrig; en ny utgåva är en ny version med en koppling till den föregående.',
	'questionnaires.none': 'Inget frågeformulär har publicerats ännu.',
	'questionnaires.name': 'Frågeformulär',
	'questionnaires.version': 'Version',
	'questionnaires.items': 'Frågor',
	'questionnaires.published': 'Publicerad',
	'questionnaires.item_count': '{count} frågor',
	'questionnaires.compared_with': 'jämförd med version {version}',
	'questionnaires.scoring': 'Så räknas svaren om till poäng',
	'questionnaires.scoring_text':
		'Varje svar ger 0 till 100 poäng (skalans steg, om inte frågan anger något annat: {values}). En dimension får poäng bara när minst {coverage} % av vikten är besvarad; ”vet inte” och ”ej tillämpligt” räknas inte. Poängen medelvärdesberäknas först och placeras sedan i dessa nivåer:',
	'questionnaires.dimensions': 'Dimensioner',
	'questionnaires.kind_practice': 'Praktik',
	'questionnaires.kind_perception': 'Bedömning',
	'questionnaires.na_allowed': '”Ej tillämpligt” tillåtet',
	'questionnaires.status_new': 'Ny i denna version',
	'questionnaires.status_reworded': 'Omformulerad, jämförbar',
	'questionnaires.status_changed': 'Ändrad, inte jämförbar',
	'questionnaires.status_identical': 'Oförändrad',
	'questionnaires.status_retired': 'Borttagen',
	'questionnaires.sources': 'Källor',
	'questionnaires.score_band': '{from} eller mer: {score} poäng',
	'questionnaires.recommendations': 'Rekommendationer: så når ni nästa nivå',
	'questionnaires.retired': 'Frågor från version {version} som inte ställs längre'
} satisfies Record<keyof typeof en, string>;
