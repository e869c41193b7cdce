import { browser } from '$app/environment';
import type { Catalogue, Locale } from '$lib/i18n';
import { loadCatalogue } from '$lib/i18n/messages/load';
import type { LayoutLoad } from './$types';

/** The catalogue the browser has: the one the first page brought, or one loaded since. */
let kept: { locale: Locale; catalogue: Catalogue } | undefined;

// The reader's language only: the page brings it (+layout.server.ts); after a language
// change on a client-side navigation, the new one is loaded as its own chunk.
export const load: LayoutLoad = async ({ data }) => {
	const { catalogue: brought, ...frame } = data;
	const catalogue = brought ?? (kept?.locale === data.locale ? kept.catalogue : await loadCatalogue(data.locale));
	if (browser) kept = { locale: data.locale, catalogue };
	return { ...frame, catalogue };
};
