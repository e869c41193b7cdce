import { browser } from '$app/environment';
import type { Catalogue, Locale } from '$lib/i18n';
import { loadCatalogue } from '$lib/i18n/messages/load';
import type { Feature } from '$lib/i18n/route-messages';
import type { LayoutLoad } from './$types';

/** The texts the browser has: the features the first page brought, or (`all`) a whole language loaded since. */
let kept: { locale: Locale; catalogue: Partial<Catalogue>; features: readonly Feature[] | 'all' } | undefined;

const holds = (held: readonly Feature[] | 'all', needed: readonly Feature[]) => held === 'all' || needed.every((feature) => held.includes(feature));

// The reader's language only, and of it only the features the first page's route uses
// (+layout.server.ts). A client-side navigation to a route that needs a feature the
// browser lacks, or a language change, loads the whole language as its own chunk once;
// it is kept from then on.
export const load: LayoutLoad = async ({ data }) => {
	const { catalogue: brought, features: needed, ...frame } = data;
	if (brought) {
		if (browser) kept = { locale: data.locale, catalogue: brought, features: needed };
		return { ...frame, catalogue: brought };
	}
	if (kept?.locale !== data.locale || !holds(kept.features, needed))
		kept = { locale: data.locale, catalogue: await loadCatalogue(data.locale), features: 'all' };
	return { ...frame, catalogue: kept.catalogue };
};
