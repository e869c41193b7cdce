import { browser } from '$app/environment';
import type { Catalogue, Locale } from '$lib/i18n';
import { loadCatalogue } from '$lib/i18n/messages/load';
import { covers, features, routeFeatures, type Feature } from '$lib/i18n/route-messages';
import type { LayoutLoad } from './$types';

/** The texts the browser has, and of which features: what the first page brought, or a whole language loaded since. */
let kept: { locale: Locale; catalogue: Partial<Catalogue>; features: readonly Feature[] } | undefined;

// The reader's language only, and of it only what the first page's route uses
// (+layout.server.ts). A client-side navigation to a route that needs more, or a language
// change, loads the whole language as its own chunk once; it is kept from then on.
export const load: LayoutLoad = async ({ data, route }) => {
	const { catalogue: brought, ...frame } = data;
	const needed = routeFeatures(route.id);
	if (brought) {
		if (browser) kept = { locale: data.locale, catalogue: brought, features: needed };
		return { ...frame, catalogue: brought };
	}
	if (kept?.locale !== data.locale || !covers(kept.features, needed)) kept = { locale: data.locale, catalogue: await loadCatalogue(data.locale), features };
	return { ...frame, catalogue: kept.catalogue };
};
