import type { Locale } from '../index';
import type { Feature } from '../route-messages';
import type { Catalogue, MessageKey } from './en';
import { catalogues } from './index';
import { en as core } from './core/en';
import { en as access } from './access/en';
import { en as collaborationAdmin } from './collaboration-admin/en';
import { en as rounds } from './rounds/en';
import { en as answering } from './answering/en';
import { en as results } from './results/en';
import { en as privacy } from './privacy/en';
import { en as api } from './api/en';
import { en as reminders } from './reminders/en';
import { en as sso } from './sso/en';
import { en as initiatives } from './initiatives/en';
import { en as home } from './home/en';
import { en as questionnaires } from './questionnaires/en';

/** Each feature's keys, as its English file defines them. */
export const featureKeys: Record<Feature, readonly MessageKey[]> = {
	core: Object.keys(core) as MessageKey[],
	access: Object.keys(access) as MessageKey[],
	'collaboration-admin': Object.keys(collaborationAdmin) as MessageKey[],
	rounds: Object.keys(rounds) as MessageKey[],
	answering: Object.keys(answering) as MessageKey[],
	results: Object.keys(results) as MessageKey[],
	privacy: Object.keys(privacy) as MessageKey[],
	api: Object.keys(api) as MessageKey[],
	reminders: Object.keys(reminders) as MessageKey[],
	sso: Object.keys(sso) as MessageKey[],
	initiatives: Object.keys(initiatives) as MessageKey[],
	home: Object.keys(home) as MessageKey[],
	questionnaires: Object.keys(questionnaires) as MessageKey[]
};

const picked = new Map<string, Partial<Catalogue>>();

/**
 * The texts of some features in one language, for a page's first response (see
 * route-messages.ts). Built once per language and set of features: a route's set is fixed.
 */
export function featureMessages(locale: Locale, wanted: readonly Feature[]): Partial<Catalogue> {
	const id = `${locale}:${wanted.join()}`;
	let messages = picked.get(id);
	if (!messages) {
		const catalogue = catalogues[locale];
		picked.set(id, (messages = Object.fromEntries(wanted.flatMap((feature) => featureKeys[feature].map((key) => [key, catalogue[key]])))));
	}
	return messages;
}
