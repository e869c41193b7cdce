import type { en } from './en';

export const sv = {
	'api.lead':
		'Med nycklar kan samverkans egna system – Power BI, Excel, egna rapporter – läsa resultaten. En nyckel läser exakt det som en person med samma behörighet ser här: hela samverkan som administratörerna ser den, eller en medlem som dess ledningsgrupp ser den. Så ansluter ni: docs/api.md.',
	'api.tokens': 'Nycklar',
	'api.tokens_caption': 'Samverkans API-nycklar',
	'api.none': 'Inga nycklar än.',
	'api.name': 'Namn',
	'api.name_hint': 'Vad den används till, till exempel ”Power BI, styrelsens rapport”.',
	'api.scope': 'Läser',
	'api.whole_collaboration': 'Hela samverkan',
	'api.state': 'Status',
	'api.active': 'aktiv',
	'api.revoked': 'återkallad',
	'api.expired': 'utgången',
	'api.expires': 'Giltig till och med',
	'api.expires_hint': 'Valfritt. Utan datum gäller nyckeln tills den återkallas.',
	'api.expires_past': 'Välj i dag eller ett senare datum.',
	'api.last_used': 'Senast använd',
	'api.via.header': 'i headern',
	'api.via.query': 'i adressen',
	'api.revoke': 'Återkalla',
	'api.revoke_aria': 'Återkalla nyckeln {name}',
	'api.revoked_done': 'Nyckeln är återkallad och fungerar inte längre.',
	'api.new': 'Ny nyckel',
	'api.create': 'Skapa nyckel',
	'api.created': 'Nyckeln ”{name}” är klar:',
	'api.created_once': 'Kopiera den nu: den visas bara den här gången. Förvara den som ett lösenord.',
	'api.reference': 'Referens',
	'api.reference_lead': 'Alla slutpunkter svarar med JSON, eller CSV med Accept: text/csv eller ?format=csv. Fullständig beskrivning för verktyg:',
	'api.parameters': 'Parametrar',
	'api.fields': 'Fält'
} satisfies Record<keyof typeof en, string>;
