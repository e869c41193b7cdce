import type { Catalogue } from './en';
import { nn as core } from './core/nn';
import { nn as access } from './access/nn';
import { nn as collaborationAdmin } from './collaboration-admin/nn';
import { nn as rounds } from './rounds/nn';
import { nn as answering } from './answering/nn';
import { nn as results } from './results/nn';
import { nn as privacy } from './privacy/nn';
import { nn as api } from './api/nn';
import { nn as reminders } from './reminders/nn';
import { nn as sso } from './sso/nn';
import { nn as initiatives } from './initiatives/nn';
import { nn as home } from './home/nn';
import { nn as questionnaires } from './questionnaires/nn';

export const nn: Catalogue = {
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
