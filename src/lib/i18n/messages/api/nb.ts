import type { en } from './en';

export const nb = {
	'api.lead':
		'Med nøkler kan samarbeidets egne systemer – Power BI, Excel, egne rapporter – lese resultatene. En nøkkel leser nøyaktig det en person med samme tilgang ser her: hele samarbeidet slik administratorene ser det, eller ett medlem slik ledergruppen der ser det. Slik kobler dere til: docs/api.md.',
	'api.tokens': 'Nøkler',
	'api.tokens_caption': 'Samarbeidets API-nøkler',
	'api.none': 'Ingen nøkler ennå.',
	'api.name': 'Navn',
	'api.name_hint': 'Hva den brukes til, for eksempel «Power BI, styrets rapport».',
	'api.scope': 'Leser',
	'api.whole_collaboration': 'Hele samarbeidet',
	'api.state': 'Status',
	'api.active': 'aktiv',
	'api.revoked': 'trukket tilbake',
	'api.expired': 'utløpt',
	'api.expires': 'Gyldig til og med',
	'api.expires_hint': 'Valgfritt. Uten dato gjelder nøkkelen til den trekkes tilbake.',
	'api.expires_past': 'Velg i dag eller en senere dato.',
	'api.last_used': 'Sist brukt',
	'api.via.header': 'i headeren',
	'api.via.query': 'i adressen',
	'api.revoke': 'Trekk tilbake',
	'api.revoke_aria': 'Trekk tilbake nøkkelen {name}',
	'api.revoked_done': 'Nøkkelen er trukket tilbake og virker ikke lenger.',
	'api.new': 'Ny nøkkel',
	'api.create': 'Lag nøkkel',
	'api.created': 'Nøkkelen «{name}» er klar:',
	'api.created_once': 'Kopier den nå: den vises bare denne ene gangen. Ta vare på den som et passord.',
	'api.reference': 'Referanse',
	'api.reference_lead': 'Alle endepunkter svarer med JSON, eller CSV med Accept: text/csv eller ?format=csv. Full beskrivelse for verktøy:',
	'api.parameters': 'Parametere',
	'api.fields': 'Felter'
} satisfies Record<keyof typeof en, string>;
