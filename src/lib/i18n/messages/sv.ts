import type { Catalogue } from './en';
import { sv as core } from './core/sv';
import { sv as access } from './access/sv';
import { sv as collaborationAdmin } from './collaboration-admin/sv';
import { sv as rounds } from './rounds/sv';
import { sv as answering } from './answering/sv';
import { sv as results } from './results/sv';
import { sv as privacy } from './privacy/sv';
import { sv as api } from './api/sv';
import { sv as reminders } from './reminders/sv';
import { sv as sso } from './sso/sv';
import { sv as initiatives } from './initiatives/sv';
import { sv as home } from './home/sv';
import { sv as questionnaires } from './questionnaires/sv';

export const sv: Catalogue = {
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
