import { featureMessages } from '$lib/i18n/messages/features';
import { routeFeatures } from '$lib/i18n/route-messages';
import { demoData } from '$lib/server/installation';
import type { LayoutServerLoad } from './$types';

// Only what the page frame shows; every page checks its own access.
export const load: LayoutServerLoad = ({ locals, isDataRequest, route }) => ({
	locale: locals.locale,
	demo: demoData() !== null,
	user: locals.user ? { name: locals.user.name, email: locals.user.email, answers: locals.user.grants.some((g) => g.role === 'respondent') } : null,
	// The reader's language travels with the page itself, so the browser hydrates without
	// fetching it first: only the features this route uses (route-messages.ts), not the
	// whole catalogue. Reading route.id reruns this load on every navigation, where it
	// sends nothing: the browser keeps what it has and loads more when needed (+layout.ts).
	catalogue: isDataRequest ? null : featureMessages(locals.locale, routeFeatures(route.id))
});
