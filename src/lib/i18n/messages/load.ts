import type { Locale } from '../index';
import type { Catalogue } from './en';

/**
 * The reader's language only, as its own script (one chunk per language): the browser never
 * downloads the languages it does not show. The first page brings the part of its language
 * that its route uses in its data (routes/+layout.server.ts, route-messages.ts); this is
 * for a client-side navigation to a route that needs more, or to another language.
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
