import type { en } from './en';

export const nb = {
	'reminders.log_title': 'Sendte påminnelser',
	'reminders.log_none': 'Ingen påminnelser er sendt i denne runden ennå.',
	'reminders.sent_at': 'Sendt',
	'reminders.kind': 'Påminnelse',
	'reminders.recipients': 'Mottakere',
	'reminders.automatic_days': 'Automatisk, {days} dager før fristen',
	'reminders.automatic_one_day': 'Automatisk, dagen før fristen',
	'reminders.automatic_closing_day': 'Automatisk, på fristdagen',
	'reminders.by': 'Sendt av {name}',
	'reminders.by_someone': 'Sendt manuelt',
	'reminders.not_mailed': '{count} uten e-post (ingen e-posttjener)',
	'reminders.auto_title': 'Automatiske påminnelser',
	'reminders.auto_lead': 'Alle som er tildelt og ikke har sendt inn, får en påminnelse på e-post så mange dager før siste dag: {days}.',
	'reminders.auto_off': 'Denne runden sender ingen påminnelser av seg selv.',
	'reminders.auto_needs_mail': 'Automatiske påminnelser blir ikke sendt så lenge ingen e-posttjener er satt opp.',
	'reminders.days': 'Dager før fristen',
	'reminders.days_description': 'Hele dager skilt med komma, for eksempel 7, 2. La feltet stå tomt for ingen automatiske påminnelser.',
	'reminders.days_invalid': 'Inntil fem hele tall fra 0 til 365, skilt med komma.',
	'reminders.save': 'Lagre dagene',
	'reminders.saved': 'De automatiske påminnelsene er lagret.'
} satisfies Record<keyof typeof en, string>;
