import type { Messages } from './en';

export const sv: Messages = {
	'app.name': 'Moden',
	'app.tagline': 'Digital mognad, mätt tillsammans',
	'app.skip_to_content': 'Gå till huvudinnehållet',
	'nav.label': 'Huvudmeny',
	'nav.home': 'Hem',
	'language.label': 'Språk',
	'language.nb': 'Norsk bokmål',
	'language.sv': 'Svenska',
	'language.en': 'English',
	'language.change': 'Byt språk',
	'home.title': 'Digital mognad för kommunala samverkansorganisationer',
	'home.lead':
		'Med Moden kan en kommunal samverkan inom digitalisering kartlägga den digitala mognaden i varje medlemskommun, verksamhet för verksamhet, en gång om året — och följa förändringen över tid.',
	'home.who.title': 'Vem det är till för',
	'home.who.respondents': 'Verksamhetschefer besvarar mognadskartläggningen för sin verksamhet, tillsammans med sitt team.',
	'home.who.coordinators': 'Samordnare i varje kommun följer svarsläget, granskar och godkänner.',
	'home.who.leaders':
		'Ledningsgrupper och samverkansorganisationens styrelse jämför kommunen med samverkan och med anonyma jämförbara kommuner, år för år.',
	'home.dimensions.title': 'Fem dimensioner',
	'home.dimensions.lead': 'Kartläggningen ser på digital mognad från fem håll:',
	'dimension.culture': 'Kultur',
	'dimension.strategy': 'Strategi',
	'dimension.leadership': 'Ledarskap',
	'dimension.competence': 'Kompetens',
	'dimension.technology': 'Teknik',
	'home.privacy.title': 'Jämförelser som värnar integriteten',
	'home.privacy.text':
		'Jämförelser visas bara för grupper med minst fem organisationer, och medlemmarna ser varandra med namn bara där samverkan har beslutat det.',
	'home.today': 'I dag är det {date}.',
	'footer.text': 'Moden — självskattning av digital mognad för kommuner i Norge och Sverige.',
	'error.title': 'Något gick fel',
	'error.not_found': 'Sidan finns inte.',
	'error.back_home': 'Tillbaka till startsidan'
};
