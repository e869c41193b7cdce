import type { en } from './en';

export const sv = {
	'privacy.withheld_because': 'visas inte: {reason}',
	'privacy.reason.too_few': 'färre än {k} kommuner',
	'privacy.reason.insider': 'färre än {k} utöver era egna',
	'privacy.reason.dominance': 'värdena ligger så nära varandra att siffran skulle röja dem',
	'privacy.reason.difference': 'siffran skulle visa vad som ändrats sedan den senast visades',
	'privacy.reason.complementary': 'dold så att en annan dold siffra inte kan räknas fram',
	'privacy.reason.respondents': 'visas när minst 3 har skickat in, eftersom svaren är konfidentiella',
	'privacy.others_hidden': 'De andra medlemmarna visas inte: {reason}.',
	'privacy.publication': 'Jämförelsetalen publicerades {date} från {rounds} omgångar {year}, varav {closed} avslutade.',
	'privacy.publication_provisional': 'Preliminära: några av omgångarna bakom dem pågår fortfarande.',
	'privacy.no_publication': 'Inga jämförelsetal har publicerats för den här omgången ännu.',
	'privacy.lead':
		'Ingen kan räkna fram en siffra som de inte har rätt att se, inte ens genom att kombinera allt som visas: siffror om för få kommuner visas inte, och inte heller siffror som skulle röja en dold siffra.',
	'privacy.team': 'Svaren',
	'privacy.team.confidential': 'Konfidentiella',
	'privacy.team.open': 'Öppna',
	'privacy.team.confidential_note':
		'Dina svar är konfidentiella: de som svarar tillsammans med dig ser bara sammanställda resultat, och först när minst 3 har skickat in.',
	'privacy.team.open_note': 'Svaren är öppna: de som besvarar den här kartläggningen tillsammans med dig ser varandras svar.',
	'privacy.team.change': 'Ändra för {sector}',
	'privacy.team.save': 'Spara',
	'privacy.team.refused.answered': 'Någon har redan svarat i förtroende: svaren kan inte öppnas för de andra nu.',
	'privacy.team.refused.round_closed': 'Omgången är avslutad.',
	'privacy.team.refused.not_found': 'Kartläggningen hittades inte.',
	'privacy.team.refused.forbidden': 'Bara kommunens samordnare eller samverkans administratörer kan ändra detta.',
	'privacy.team.saved': 'Valet är sparat.',
	'privacy.team.explain':
		'Konfidentiella: de som svarar ser bara sammanställda resultat, och först från 3 svar. Öppna: de som svarar ser varandras svar. Samordnaren och ledningsgruppen ser alltid verksamhetens sammanställda resultat.'
} satisfies Record<keyof typeof en, string>;
