import type { Locale } from '../index';
import type { Catalogue } from './en';

/**
 * The reader's language only, as its own script (one chunk per language): the browser never
 * downloads the languages it does not show. The first page brings its language in its data
 * (routes/+layout.server.ts); this is for a language changed on a client-side navigation.
 */
export function loadCatalogue(locale: Locale): Promise<Catalogue> {
	switch (locale) {
		case 'nb':
			return import('./nb').then((m) => m.nb);
		case 'nn':
			return import('./nn').then((m) => m.nn);
		case 'sv':
			return import('./sv').then((m) => m.sv);
		case 'en':
			return import('./en').then((m) => m.en);
	}
}
