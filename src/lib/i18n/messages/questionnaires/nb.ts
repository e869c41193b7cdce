import type { en } from './en';

export const nb = {
	'questionnaires.title': 'Spørreskjema',
	'questionnaires.lead':
		'De publiserte versjonene av modenhetsverktøyene. En publisert versjon endres aldri; en ny utgave er en ny versjon med en kobling til den forrige.',
	'questionnaires.none': 'Ingen spørreskjema er publisert ennå.',
	'questionnaires.name': 'Spørreskjema',
	'questionnaires.version': 'Versjon',
	'questionnaires.items': 'Spørsmål',
	'questionnaires.published': 'Publisert',
	'questionnaires.item_count': '{count} spørsmål',
	'questionnaires.compared_with': 'sammenlignet med versjon {version}',
	'questionnaires.scoring': 'Slik regnes svarene om til poeng',
	'questionnaires.scoring_text':
		'Hvert svar gir 0 til 100 poeng (punktene på en skala, om ikke spørsmålet sier noe annet: {values}). En dimensjon får poeng bare når minst {coverage} % av vekten er besvart; «vet ikke» og «ikke relevant» teller ikke. Poengene snittes først og plasseres så i disse nivåene:',
	'questionnaires.dimensions': 'Dimensjoner',
	'questionnaires.kind_practice': 'Praksis',
	'questionnaires.kind_perception': 'Vurdering',
	'questionnaires.na_allowed': '«Ikke relevant» tillatt',
	'questionnaires.status_new': 'Nytt i denne versjonen',
	'questionnaires.status_reworded': 'Omformulert, sammenlignbart',
	'questionnaires.status_changed': 'Endret, ikke sammenlignbart',
	'questionnaires.status_identical': 'Uendret',
	'questionnaires.status_retired': 'Fjernet',
	'questionnaires.sources': 'Kilder',
	'questionnaires.score_band': '{from} eller mer: {score} poeng',
	'questionnaires.recommendations': 'Anbefalinger: slik når dere neste nivå',
	'questionnaires.retired': 'Spørsmål fra versjon {version} som ikke stilles lenger'
} satisfies Record<keyof typeof en, string>;
