import type { en } from './en';

export const nb = {
	'privacy.withheld_because': 'holdt tilbake: {reason}',
	'privacy.reason.too_few': 'færre enn {k} kommuner',
	'privacy.reason.insider': 'færre enn {k} utenom deres egne',
	'privacy.reason.dominance': 'poengene ligger så tett at tallet ville røpe dem',
	'privacy.reason.difference': 'tallet ville vise hva som er endret siden det sist ble vist',
	'privacy.reason.complementary': 'skjult så et annet skjult tall ikke kan regnes ut',
	'privacy.reason.respondents': 'vises når minst 3 har sendt inn, fordi svarene er fortrolige',
	'privacy.others_hidden': 'De andre medlemmene vises ikke: {reason}.',
	'privacy.publication': 'Tallene for sammenlignbare er publisert {date}, fra {rounds} runder i {year}, {closed} av dem avsluttet.',
	'privacy.publication_provisional': 'Foreløpige: noen av rundene bak dem er fortsatt åpne.',
	'privacy.no_publication': 'Ingen tall for sammenlignbare er publisert for denne runden ennå.',
	'privacy.lead':
		'Ingen kan regne seg fram til et tall de ikke har rett til å se, heller ikke ved å kombinere alt som vises: tall om for få kommuner holdes tilbake, og det samme gjør tall som ville røpe et tall som er holdt tilbake.',
	'privacy.team': 'Svarene',
	'privacy.team.confidential': 'Fortrolige',
	'privacy.team.open': 'Åpne',
	'privacy.team.confidential_note':
		'Svarene dine er fortrolige: de som svarer sammen med deg, ser bare samlede resultater, og først når minst 3 har sendt inn.',
	'privacy.team.open_note': 'Svarene er åpne: de som svarer på denne kartleggingen sammen med deg, ser hverandres svar.',
	'privacy.team.change': 'Endre for {sector}',
	'privacy.team.save': 'Lagre',
	'privacy.team.refused.answered': 'Noen har allerede svart i fortrolighet: svarene kan ikke åpnes for de andre nå.',
	'privacy.team.refused.round_closed': 'Runden er avsluttet.',
	'privacy.team.refused.not_found': 'Fant ikke kartleggingen.',
	'privacy.team.refused.forbidden': 'Bare kommunens koordinator eller samarbeidets administratorer kan endre dette.',
	'privacy.team.saved': 'Valget er lagret.',
	'privacy.team.explain':
		'Fortrolige: de som svarer, ser bare samlede resultater, og først fra 3 svar. Åpne: de som svarer, ser hverandres svar. Koordinator og ledergruppen ser alltid sektorens samlede resultat.'
} satisfies Record<keyof typeof en, string>;
