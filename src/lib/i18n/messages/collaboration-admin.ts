import { defineMessages } from '../define';

/** Collaboration administration: municipalities, memberships, sectors. */
export const collaborationAdmin = defineMessages({
	en: {
		'municipalities.title': 'Municipalities'
	},
	nb: {
		'municipalities.title': 'Kommuner'
	},
	sv: {
		'municipalities.title': 'Kommuner'
	}
});
