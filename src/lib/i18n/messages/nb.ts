import type { Catalogue } from './en';
import { nb as core } from './core/nb';
import { nb as access } from './access/nb';
import { nb as collaborationAdmin } from './collaboration-admin/nb';
import { nb as rounds } from './rounds/nb';
import { nb as answering } from './answering/nb';
import { nb as results } from './results/nb';
import { nb as privacy } from './privacy/nb';
import { nb as api } from './api/nb';
import { nb as reminders } from './reminders/nb';
import { nb as sso } from './sso/nb';
import { nb as initiatives } from './initiatives/nb';
import { nb as home } from './home/nb';
import { nb as questionnaires } from './questionnaires/nb';

export const nb: Catalogue = {
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
