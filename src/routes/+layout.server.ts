import { demoData } from '$lib/server/installation';
import type { LayoutServerLoad } from './$types';

// Only what the page frame shows; every page checks its own access.
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	demo: demoData() !== null,
	user: locals.user
		? { name: locals.user.name, email: locals.user.email, answers: locals.user.grants.some((g) => g.role === 'respondent') }
		: null
});
