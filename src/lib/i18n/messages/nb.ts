import type { Messages } from './en';

export const nb: Messages = {
	'app.name': 'Moden',
	'app.tagline': 'Digital modenhet, målt sammen',
	'app.skip_to_content': 'Gå til hovedinnhold',
	'nav.label': 'Hovedmeny',
	'nav.home': 'Hjem',
	'language.label': 'Språk',
	'language.nb': 'Norsk bokmål',
	'language.sv': 'Svenska',
	'language.en': 'English',
	'language.change': 'Bytt språk',
	'home.title': 'Digital modenhet for interkommunale samarbeid',
	'home.lead':
		'Med Moden kan et interkommunalt digitaliseringssamarbeid kartlegge den digitale modenheten i hver medlemskommune, sektor for sektor, én gang i året — og følge utviklingen over tid.',
	'home.who.title': 'Hvem det er for',
	'home.who.respondents': 'Kommunalsjefer besvarer modenhetskartleggingen for sin sektor, sammen med teamet sitt.',
	'home.who.coordinators': 'Koordinatorer i hver kommune følger opp besvarelsen, går gjennom og godkjenner.',
	'home.who.leaders':
		'Ledergrupper og samarbeidets styre sammenligner kommunen med samarbeidet og med anonyme sammenlignbare kommuner, år for år.',
	'home.dimensions.title': 'Fem dimensjoner',
	'home.dimensions.lead': 'Kartleggingen ser på digital modenhet fra fem sider:',
	'dimension.culture': 'Kultur',
	'dimension.strategy': 'Strategi',
	'dimension.leadership': 'Ledelse',
	'dimension.competence': 'Kompetanse',
	'dimension.technology': 'Teknologi',
	'home.privacy.title': 'Sammenligning som ivaretar personvernet',
	'home.privacy.text':
		'Sammenligninger vises bare for grupper med minst fem organisasjoner, og medlemmene ser hverandre ved navn bare der samarbeidet har vedtatt det.',
	'home.today': 'I dag er det {date}.',
	'footer.text': 'Moden — egenvurdering av digital modenhet for kommuner i Norge og Sverige.',
	'error.title': 'Noe gikk galt',
	'error.not_found': 'Siden finnes ikke.',
	'error.back_home': 'Tilbake til forsiden'
};
