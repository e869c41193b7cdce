import type { en } from './en';

export const nn = {
	'questionnaires.title': 'Spørjeskjema',
	'questionnaires.lead':
		'Dei publiserte versjonane av modnadsverktøya. Ein publisert versjon blir aldri endra; ei ny utgåve er ein ny versjon med ei kopling til den førre.',
	'questionnaires.none': 'Ingen spørjeskjema er publiserte enno.',
	'questionnaires.name': 'Spørjeskjema',
	'questionnaires.version': 'Versjon',
	'questionnaires.items': 'Spørsmål',
	'questionnaires.published': 'Publisert',
	'questionnaires.item_count': '{count} spørsmål',
	'questionnaires.compared_with': 'samanlikna med versjon {version}',
	'questionnaires.scoring': 'Slik blir svara rekna om til poeng',
	'questionnaires.scoring_text':
		'Kvart svar gir 0 til 100 poeng (punkta på ein skala, om ikkje spørsmålet seier noko anna: {values}). Ein dimensjon får poeng berre når minst {coverage} % av vekta er svart på; «veit ikkje» og «ikkje relevant» tel ikkje. Poenga blir først snitta og så plasserte i desse nivåa:',
	'questionnaires.dimensions': 'Dimensjonar',
	'questionnaires.kind_practice': 'Praksis',
	'questionnaires.kind_perception': 'Vurdering',
	'questionnaires.na_allowed': '«Ikkje relevant» tillate',
	'questionnaires.status_new': 'Nytt i denne versjonen',
	'questionnaires.status_reworded': 'Omformulert, samanliknbart',
	'questionnaires.status_changed': 'Endra, ikkje samanliknbart',
	'questionnaires.status_identical': 'Uendra',
	'questionnaires.status_retired': 'Fjerna',
	'questionnaires.sources': 'Kjelder',
	'questionnaires.score_band': '{from} eller meir: {score} poeng',
	'questionnaires.recommendations': 'Tilrådingar: slik når de neste nivået',
	'questionnaires.retired': 'Spørsmål frå versjon {version} som ikkje blir stilte lenger'
} satisfies Record<keyof typeof en, string>;
