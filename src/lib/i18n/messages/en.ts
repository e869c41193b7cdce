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

/**
 * Every English text: the shared core, then one folder per feature (a later feature's
 * key would override an earlier one's; the catalogue test refuses duplicates). English
 * defines the keys, the other languages must have exactly the same.
 */
export const en = {
	...core,
	...access,
	...collaborationAdmin,
	...rounds,
	...answering,
	...results,
	...privacy,
	...api,
	...reminders,
	...sso,
	...initiatives,
	...home,
	...questionnaires
};

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
