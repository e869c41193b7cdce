import { featureMessages } from '$lib/i18n/messages/features';
import { routeFeatures } from '$lib/i18n/route-messages';
import { demoData } from '$lib/server/installation';
import type { LayoutServerLoad } from './$types';

// Only what the page frame shows; every page checks its own access.
export const load: LayoutServerLoad = ({ locals, isDataRequest, route }) => {
	const features = routeFeatures(route.id);
	return {
		locale: locals.locale,
		demo: demoData() !== null,
		user: locals.user ? { name: locals.user.name, email: locals.user.email, answers: locals.user.grants.some((g) => g.role === 'respondent') } : null,
		// The reader's language travels with the page itself, so the browser hydrates without
		// fetching it first: only the features this route uses (route-messages.ts), not the
		// whole catalogue. Reading route.id reruns this load on every navigation; there it
		// sends only the names of the features the route needs, and the browser loads more
		// when what it keeps lacks one (+layout.ts). The map itself stays on the server.
		features,
		catalogue: isDataRequest ? null : featureMessages(locals.locale, features)
	};
};
