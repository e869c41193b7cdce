import type { en } from './en';

export const nn = {
	'privacy.withheld_because': 'halde tilbake: {reason}',
	'privacy.reason.too_few': 'færre enn {k} kommunar',
	'privacy.reason.insider': 'færre enn {k} utanom dykkar eigne',
	'privacy.reason.dominance': 'poenga ligg så tett at talet ville røpe dei',
	'privacy.reason.difference': 'talet ville vise kva som er endra sidan det sist vart vist',
	'privacy.reason.complementary': 'skjult så eit anna skjult tal ikkje kan reknast ut',
	'privacy.reason.respondents': 'blir vist når minst 3 har sendt inn, fordi svara er fortrulege',
	'privacy.others_hidden': 'Dei andre medlemmene blir ikkje viste: {reason}.',
	'privacy.publication': 'Tala for samanliknbare er publiserte {date}, frå {rounds} rundar i {year}, {closed} av dei avslutta.',
	'privacy.publication_provisional': 'Førebelse: nokre av rundane bak dei er framleis opne.',
	'privacy.no_publication': 'Ingen tal for samanliknbare er publiserte for denne runden enno.',
	'privacy.lead':
		'Ingen kan rekne seg fram til eit tal dei ikkje har rett til å sjå, heller ikkje ved å kombinere alt som blir vist: tal om for få kommunar blir haldne tilbake, og det same blir tal som ville røpe eit tal som er halde tilbake.',
	'privacy.team': 'Svara',
	'privacy.team.confidential': 'Fortrulege',
	'privacy.team.open': 'Opne',
	'privacy.team.confidential_note': 'Svara dine er fortrulege: dei som svarar saman med deg, ser berre samla resultat, og først når minst 3 har sendt inn.',
	'privacy.team.open_note': 'Svara er opne: dei som svarar på denne kartlegginga saman med deg, ser svara til kvarandre.',
	'privacy.team.change': 'Endre for {sector}',
	'privacy.team.save': 'Lagre',
	'privacy.team.refused.answered': 'Nokon har allereie svart i fortrulegheit: svara kan ikkje opnast for dei andre no.',
	'privacy.team.refused.round_closed': 'Runden er avslutta.',
	'privacy.team.refused.not_found': 'Fann ikkje kartlegginga.',
	'privacy.team.refused.forbidden': 'Berre koordinatoren i kommunen eller administratorane i samarbeidet kan endre dette.',
	'privacy.team.saved': 'Valet er lagra.',
	'privacy.team.explain':
		'Fortrulege: dei som svarar, ser berre samla resultat, og først frå 3 svar. Opne: dei som svarar, ser svara til kvarandre. Koordinatoren og leiargruppa ser alltid det samla resultatet for sektoren.'
} satisfies Record<keyof typeof en, string>;
