import { catalogues } from '$lib/i18n/messages';
import { demoData } from '$lib/server/installation';
import type { LayoutServerLoad } from './$types';

// Only what the page frame shows; every page checks its own access.
export const load: LayoutServerLoad = ({ locals, isDataRequest }) => ({
	locale: locals.locale,
	demo: demoData() !== null,
	user: locals.user ? { name: locals.user.name, email: locals.user.email, answers: locals.user.grants.some((g) => g.role === 'respondent') } : null,
	// The reader's language travels with the page itself, so the browser hydrates without
	// fetching it first; a client-side navigation has it already (+layout.ts).
	catalogue: isDataRequest ? null : catalogues[locals.locale]
});
