import { loadCatalogue } from '$lib/i18n/messages/load';
import type { LayoutLoad } from './$types';

// The reader's language only: the browser loads one catalogue, not all three.
export const load: LayoutLoad = async ({ data }) => ({ ...data, catalogue: await loadCatalogue(data.locale) });
