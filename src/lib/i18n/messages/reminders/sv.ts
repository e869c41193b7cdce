import type { en } from './en';

export const sv = {
	'reminders.log_title': 'Skickade påminnelser',
	'reminders.log_none': 'Ingen påminnelse har skickats i den här omgången än.',
	'reminders.sent_at': 'Skickad',
	'reminders.kind': 'Påminnelse',
	'reminders.recipients': 'Mottagare',
	'reminders.automatic_days': 'Automatisk, {days} dagar före sista dagen',
	'reminders.automatic_one_day': 'Automatisk, dagen före sista dagen',
	'reminders.automatic_closing_day': 'Automatisk, på sista dagen',
	'reminders.by': 'Skickad av {name}',
	'reminders.by_someone': 'Skickad manuellt',
	'reminders.not_mailed': '{count} utan e-post (ingen e-postserver)',
	'reminders.auto_title': 'Automatiska påminnelser',
	'reminders.auto_lead': 'Alla som är tilldelade och inte har skickat in får en påminnelse via e-post så många dagar före sista dagen: {days}.',
	'reminders.auto_off': 'Den här omgången skickar inga påminnelser av sig själv.',
	'reminders.auto_needs_mail': 'Automatiska påminnelser skickas inte så länge ingen e-postserver är konfigurerad.',
	'reminders.days': 'Dagar före sista dagen',
	'reminders.days_description': 'Hela dagar åtskilda med kommatecken, till exempel 7, 2. Lämna tomt för inga automatiska påminnelser.',
	'reminders.days_invalid': 'Högst fem heltal från 0 till 365, åtskilda med kommatecken.',
	'reminders.save': 'Spara dagarna',
	'reminders.saved': 'De automatiska påminnelserna är sparade.'
} satisfies Record<keyof typeof en, string>;
