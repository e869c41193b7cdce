/**
 * The reminders of a round: the automatic ones' days, and the list of what was sent.
 * English defines the keys; nb.ts and sv.ts must have exactly these.
 */
export const en = {
	'reminders.log_title': 'Reminders sent',
	'reminders.log_none': 'No reminder has been sent in this round yet.',
	'reminders.sent_at': 'Sent',
	'reminders.kind': 'Reminder',
	'reminders.recipients': 'Recipients',
	'reminders.automatic_days': 'Automatic, {days} days before closing',
	'reminders.automatic_one_day': 'Automatic, the day before closing',
	'reminders.automatic_closing_day': 'Automatic, on the closing day',
	'reminders.by': 'Sent by {name}',
	'reminders.by_someone': 'Sent by hand',
	'reminders.not_mailed': '{count} without e-mail (no mail server)',
	'reminders.auto_title': 'Automatic reminders',
	'reminders.auto_lead': 'Everyone assigned who has not submitted gets a reminder by e-mail this many days before the closing day: {days}.',
	'reminders.auto_off': 'This round sends no reminders by itself.',
	'reminders.auto_needs_mail': 'Automatic reminders are not sent while no mail server is set up.',
	'reminders.days': 'Days before closing',
	'reminders.days_description': 'Whole days separated by commas, for example 7, 2. Leave empty for no automatic reminders.',
	'reminders.days_invalid': 'Up to five whole numbers from 0 to 365, separated by commas.',
	'reminders.save': 'Save the days',
	'reminders.saved': 'The automatic reminders are saved.'
} as const;
