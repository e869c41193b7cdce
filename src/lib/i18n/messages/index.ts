import { access } from './access';
import { answering } from './answering';
import { collaborationAdmin } from './collaboration-admin';
import { en as coreEn } from './en';
import { nb as coreNb } from './nb';
import { sv as coreSv } from './sv';
import { results } from './results';
import { rounds } from './rounds';

/**
 * All catalogues: the core (en.ts, nb.ts, sv.ts) and one file per feature, made with
 * defineMessages. Add a feature's file to `features`.
 */
const features = [access, collaborationAdmin, rounds, answering, results] as const;

type Feature = (typeof features)[number];
type FeatureKeys = Feature extends infer F ? (F extends { en: infer E } ? keyof E : never) : never;
export type MessageKey = keyof typeof coreEn | FeatureKeys;

function merge(core: Record<string, string>, lang: 'en' | 'nb' | 'sv'): Record<MessageKey, string> {
	return Object.assign({}, core, ...features.map((f) => f[lang])) as Record<MessageKey, string>;
}

export const catalogues = { en: merge(coreEn, 'en'), nb: merge(coreNb, 'nb'), sv: merge(coreSv, 'sv') };
