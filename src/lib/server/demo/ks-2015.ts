/**
 * The inter-municipal ICT collaborations of KS's 2015 survey (../shared/data/ks-2015-collaborations.md),
 * as demo tenants: short name, legal form, year established where known, and members.
 * Hedmark IKT is not here: it is the demo's main collaboration, with its current members.
 * A county (fylkeskommune) member is left out: Moden's members are municipalities.
 */
export const ks2015: {
	name: string;
	legalForm: 'vertskommune' | 'kommunalt_oppgavefellesskap' | 'iks' | 'as' | 'samkommune' | 'avtale' | 'other';
	established: number | null;
	members: string[];
}[] = [
	{ name: 'Astafjord IKT-drift / K4 i Sør-Troms', legalForm: 'vertskommune', established: null, members: ['Gratangen', 'Lavangen', 'Salangen', 'Ibestad'] },
	{
		name: 'DDV',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2015,
		members: ['Audnedal', 'Farsund', 'Flekkefjord', 'Hægebostad', 'Kvinesdal', 'Lindesnes', 'Mandal', 'Marnardal', 'Åseral']
	},
	{ name: 'DDØ', legalForm: 'vertskommune', established: 2009, members: ['Risør', 'Gjerstad', 'Vegårshei', 'Tvedestrand', 'Åmli'] },
	{
		name: 'Digitale Gardermoen',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2004,
		members: ['Eidsvoll', 'Gjerdrum', 'Hurdal', 'Nannestad', 'Nes (Akershus)', 'Ullensaker']
	},
	{ name: 'D-IKT', legalForm: 'kommunalt_oppgavefellesskap', established: 2006, members: ['Drammen', 'Nedre Eiker', 'Røyken', 'Sande (Vestfold)', 'Svelvik'] },
	{
		name: 'eKommune Sunnmøre',
		legalForm: 'vertskommune',
		established: null,
		members: ['Giske', 'Haram', 'Norddal', 'Sandøy', 'Skodje', 'Sula', 'Ørskog', 'Ålesund']
	},
	{ name: 'Fosen IKT', legalForm: 'vertskommune', established: 2010, members: ['Osen', 'Roan', 'Åfjord', 'Bjugn', 'Ørland', 'Leksvik', 'Rissa'] },
	{ name: 'HALD-IKT', legalForm: 'vertskommune', established: 2004, members: ['Herøy (Nordland)', 'Alstahaug', 'Leirfjord', 'Dønna'] },
	{ name: 'Ikomm AS', legalForm: 'as', established: 2003, members: ['Lillehammer', 'Gausdal', 'Øyer'] },
	{ name: 'IKT Agder', legalForm: 'iks', established: 2002, members: ['Arendal', 'Grimstad', 'Froland'] },
	{ name: 'IKT Fjellregionen', legalForm: 'iks', established: 2005, members: ['Folldal', 'Alvdal', 'Rendalen', 'Tynset', 'Tolga'] },
	{ name: 'IKT Hallingdal', legalForm: 'vertskommune', established: 2008, members: ['Gol', 'Hol', 'Ål', 'Hemsedal', 'Nes (Buskerud)', 'Flå'] },
	{ name: 'IKT i ISK', legalForm: 'samkommune', established: 2004, members: ['Levanger', 'Verdal'] },
	{ name: 'IKT Indre Namdal', legalForm: 'iks', established: 2003, members: ['Grong', 'Høylandet', 'Lierne', 'Namsskogan', 'Røyrvik', 'Snåsa'] },
	{
		name: 'IKT Nordhordland',
		legalForm: 'vertskommune',
		established: 2011,
		members: ['Vaksdal', 'Modalen', 'Masfjorden', 'Lindås', 'Austrheim', 'Radøy', 'Fedje', 'Meland', 'Osterøy']
	},
	{
		name: 'IKT ORKidé',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 1997,
		members: ['Averøy', 'Aure', 'Eide', 'Gjemnes', 'Halsa', 'Kristiansund', 'Rindal', 'Smøla', 'Sunndal', 'Surnadal', 'Tingvoll', 'Fræna', 'Nesset']
	},
	{ name: 'IKT Valdres', legalForm: 'iks', established: 2010, members: ['Etnedal', 'Nord-Aurdal', 'Sør-Aurdal', 'Vang', 'Vestre Slidre', 'Øystre Slidre'] },
	{ name: 'IKT-Follo', legalForm: 'vertskommune', established: 2004, members: ['Frogn', 'Oppegård', 'Ski', 'Vestby', 'Nesodden', 'Ås'] },
	{
		name: 'IKT-samarbeid Evenes, Tjeldsund, Kvæfjord, Skånland',
		legalForm: 'avtale',
		established: 2008,
		members: ['Evenes', 'Tjeldsund', 'Kvæfjord', 'Skånland']
	},
	{ name: 'IKT-samarbeid Lofoten', legalForm: 'vertskommune', established: null, members: ['Røst', 'Værøy', 'Flakstad', 'Moskenes', 'Vågan'] },
	{
		name: 'IKT-samarbeid Sør-Helgeland',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: null,
		members: ['Brønnøy', 'Sømna', 'Vevelstad', 'Vega', 'Bindal']
	},
	{ name: 'Indre Østfold', legalForm: 'iks', established: 2007, members: ['Askim', 'Trøgstad', 'Eidsberg', 'Skiptvet', 'Hobøl'] },
	{ name: 'Inn-Trøndelag IKT', legalForm: 'kommunalt_oppgavefellesskap', established: 2013, members: ['Spydeberg', 'Inderøy', 'Verran', 'Steinkjer'] },
	{ name: 'IT MNS', legalForm: 'samkommune', established: 2002, members: ['Namsos', 'Overhalla', 'Namdalseid', 'Fosnes'] },
	{
		name: 'IT-samarbeidet Skien, Bamble, Siljan',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2006,
		members: ['Bamble', 'Drangedal', 'Kragerø', 'Porsgrunn', 'Siljan', 'Skien']
	},
	{
		name: 'Kongsbergregionen IKT-samarbeid',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2015,
		members: ['Flesberg', 'Hjartdal', 'Kongsberg', 'Nore og Uvdal', 'Notodden', 'Rollag', 'Tinn']
	},
	{ name: 'KR-IKT', legalForm: 'kommunalt_oppgavefellesskap', established: 2014, members: ['Kristiansand', 'Songdalen', 'Lillesand', 'Iveland', 'Birkenes'] },
	{ name: 'Midt-Telemark IKT', legalForm: 'kommunalt_oppgavefellesskap', established: 2004, members: ['Bø', 'Nome', 'Sauherad'] },
	{
		name: 'Nordfjordnett',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2013,
		members: ['Bremanger', 'Eid', 'Gloppen', 'Hornindal', 'Selje', 'Stryn', 'Vågsøy']
	},
	{
		name: 'Nord-Gudbrandsdal regiondata',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2006,
		members: ['Dovre', 'Lesja', 'Lom', 'Skjåk', 'Sel', 'Vågå']
	},
	{ name: 'ROR-IKT', legalForm: 'kommunalt_oppgavefellesskap', established: 2014, members: ['Molde', 'Rauma', 'Midsund', 'Vestnes', 'Aukra'] },
	{ name: 'Ryfylke IT-samarbeid', legalForm: 'kommunalt_oppgavefellesskap', established: 2012, members: ['Hjelmeland', 'Sauda', 'Strand', 'Suldal'] },
	{ name: 'Setesdal IKT', legalForm: 'kommunalt_oppgavefellesskap', established: 2011, members: ['Evje og Hornnes', 'Bygland', 'Valle', 'Bykle', 'Iveland'] },
	{
		name: 'SIKT',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2011,
		members: ['Gjøvik', 'Nordre Land', 'Søndre Land', 'Vestre Toten', 'Østre Toten']
	},
	{
		name: 'SSIKT',
		legalForm: 'vertskommune',
		established: 2014,
		members: ['Hareid', 'Herøy (Møre og Romsdal)', 'Sande (Møre og Romsdal)', 'Ulstein', 'Volda', 'Vanylven', 'Ørsta']
	},
	{ name: 'Stavanger-Rennesøy-Finnøy-Forsand', legalForm: 'avtale', established: null, members: ['Stavanger', 'Rennesøy', 'Kvitsøy'] },
	{
		name: 'SYS-IKT',
		legalForm: 'kommunalt_oppgavefellesskap',
		established: 2010,
		members: ['Askvoll', 'Fjaler', 'Førde', 'Gaular', 'Gulen', 'Hyllestad', 'Høyanger', 'Jølster', 'Naustdal', 'Solund']
	},
	{ name: 'SÅTE', legalForm: 'vertskommune', established: 2015, members: ['Stor-Elvdal', 'Åmot', 'Trysil', 'Engerdal'] },
	{ name: 'VarIT', legalForm: 'vertskommune', established: 2010, members: ['Stjørdal', 'Selbu', 'Meråker', 'Frosta', 'Tydal'] },
	{ name: 'Øyeren IKT', legalForm: 'vertskommune', established: 2009, members: ['Enebakk', 'Fet', 'Rælingen'] }
];
