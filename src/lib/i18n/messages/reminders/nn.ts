import type { en } from './en';

export const nn = {
	'reminders.log_title': 'Sende påminningar',
	'reminders.log_none': 'Ingen påminningar er sende i denne runden enno.',
	'reminders.sent_at': 'Send',
	'reminders.kind': 'Påminning',
	'reminders.recipients': 'Mottakarar',
	'reminders.automatic_days': 'Automatisk, {days} dagar før fristen',
	'reminders.automatic_one_day': 'Automatisk, dagen før fristen',
	'reminders.automatic_closing_day': 'Automatisk, på fristdagen',
	'reminders.by': 'Send av {name}',
	'reminders.by_someone': 'Send manuelt',
	'reminders.not_mailed': '{count} utan e-post (ingen e-posttenar)',
	'reminders.auto_title': 'Automatiske påminningar',
	'reminders.auto_lead': 'Alle som er tildelte og ikkje har sendt inn, får ei påminning på e-post så mange dagar før siste dag: {days}.',
	'reminders.auto_off': 'Denne runden sender ingen påminningar av seg sjølv.',
	'reminders.auto_needs_mail': 'Automatiske påminningar blir ikkje sende så lenge ingen e-posttenar er sett opp.',
	'reminders.days': 'Dagar før fristen',
	'reminders.days_description': 'Heile dagar skilde med komma, til dømes 7, 2. La feltet stå tomt for ingen automatiske påminningar.',
	'reminders.days_invalid': 'Inntil fem heile tal frå 0 til 365, skilde med komma.',
	'reminders.save': 'Lagre dagane',
	'reminders.saved': 'Dei automatiske påminningane er lagra.'
} satisfies Record<keyof typeof en, string>;
