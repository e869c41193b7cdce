import type { en } from './en';

export const nn = {
	'api.lead':
		'Med nøklar kan dei eigne systema til samarbeidet – Power BI, Excel, eigne rapportar – lese resultata. Ein nøkkel les nøyaktig det ein person med same tilgang ser her: heile samarbeidet slik administratorane ser det, eller eitt medlem slik leiargruppa der ser det. Slik koplar de til: docs/api.md.',
	'api.tokens': 'Nøklar',
	'api.tokens_caption': 'API-nøklane til samarbeidet',
	'api.none': 'Ingen nøklar enno.',
	'api.name': 'Namn',
	'api.name_hint': 'Kva han blir brukt til, til dømes «Power BI, rapporten til styret».',
	'api.scope': 'Les',
	'api.whole_collaboration': 'Heile samarbeidet',
	'api.state': 'Status',
	'api.active': 'aktiv',
	'api.revoked': 'trekt tilbake',
	'api.expired': 'gått ut',
	'api.expires': 'Gyldig til og med',
	'api.expires_hint': 'Valfritt. Utan dato gjeld nøkkelen til han blir trekt tilbake.',
	'api.expires_past': 'Vel i dag eller ein seinare dato.',
	'api.last_used': 'Sist brukt',
	'api.via.header': 'i headeren',
	'api.via.query': 'i adressa',
	'api.revoke': 'Trekk tilbake',
	'api.revoke_aria': 'Trekk tilbake nøkkelen {name}',
	'api.revoked_done': 'Nøkkelen er trekt tilbake og verkar ikkje lenger.',
	'api.new': 'Ny nøkkel',
	'api.create': 'Lag nøkkel',
	'api.created': 'Nøkkelen «{name}» er klar:',
	'api.created_once': 'Kopier han no: han blir vist berre denne eine gongen. Ta vare på han som eit passord.',
	'api.reference': 'Referanse',
	'api.reference_lead': 'Alle endepunkt svarar med JSON, eller CSV med Accept: text/csv eller ?format=csv. Full skildring for verktøy:',
	'api.parameters': 'Parametrar',
	'api.fields': 'Felt'
} satisfies Record<keyof typeof en, string>;
