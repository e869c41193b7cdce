/**
 * Which parts of the catalogue a page can show. The catalogue is assembled from one folder
 * of texts per feature (messages/<feature>/); a page's first response brings only the
 * features its route uses (routes/+layout.server.ts), so the answering page does not carry
 * the administration's texts. route-messages.spec.ts follows every route's imports and
 * fails when a route uses a key of a feature this map does not give it.
 *
 * The map stays on the server: a page's data names the features its route needs, and the
 * browser loads the whole language when it lacks one (routes/+layout.ts).
 */
export const features = [
	'core',
	'access',
	'collaboration-admin',
	'rounds',
	'answering',
	'results',
	'privacy',
	'api',
	'reminders',
	'sso',
	'initiatives',
	'home',
	'questionnaires'
] as const;
export type Feature = (typeof features)[number];

const collaboration = '/collaborations/[collaborationId=uuid]';

/** Route id → the features its pages use besides core (the root layout, its header and the error page). */
const byRoute: Record<string, readonly Feature[]> = {
	'/': ['access', 'answering', 'home', 'initiatives', 'rounds'],
	'/account': ['access'],
	'/assessments': ['answering'],
	'/assessments/[assessmentId=uuid]': ['answering', 'home', 'initiatives', 'privacy', 'results'],
	'/assessments/[assessmentId=uuid]/[dimension]': ['answering', 'initiatives', 'privacy'],
	'/assessments/[assessmentId=uuid]/review': ['answering', 'privacy'],
	'/collaborations': ['access'],
	[collaboration]: ['access', 'home', 'rounds'],
	[`${collaboration}/api`]: ['access', 'api'],
	[`${collaboration}/audit`]: ['access'],
	[`${collaboration}/identity-providers`]: ['access', 'sso'],
	[`${collaboration}/initiatives`]: ['access', 'answering', 'initiatives', 'results'],
	[`${collaboration}/initiatives/[initiativeId=uuid]`]: ['access', 'initiatives'],
	[`${collaboration}/initiatives/new`]: ['access', 'initiatives'],
	[`${collaboration}/municipalities`]: ['access', 'collaboration-admin'],
	[`${collaboration}/people`]: ['access', 'home'],
	[`${collaboration}/results`]: ['access', 'home', 'initiatives', 'privacy', 'results', 'rounds'],
	[`${collaboration}/results/assessments/[assessmentId=uuid]`]: ['access', 'home', 'initiatives', 'privacy', 'results'],
	[`${collaboration}/results/municipalities/[municipalityId=uuid]`]: ['access', 'home', 'initiatives', 'privacy', 'results', 'rounds'],
	[`${collaboration}/results/sectors/[sectorId=uuid]`]: ['access', 'home', 'privacy', 'results'],
	[`${collaboration}/rounds`]: ['access', 'home', 'rounds'],
	[`${collaboration}/rounds/[roundId=uuid]`]: ['access', 'answering', 'home', 'privacy', 'reminders', 'rounds'],
	[`${collaboration}/sectors`]: ['access', 'collaboration-admin'],
	[`${collaboration}/targets`]: ['access', 'home', 'results'],
	'/invitation/[token]': ['access'],
	'/questionnaires': ['questionnaires'],
	'/questionnaires/[slug=slug]/[version=version]': ['answering', 'questionnaires'],
	'/reset-password': ['access'],
	'/reset-password/[token]': ['access'],
	'/sign-in': ['access', 'sso'],
	'/sign-in/sso': ['sso'],
	'/sign-in/sso/callback': ['sso'],
	'/sign-out': ['sso']
};

/** The routes the map names, for its test. */
export const mappedRoutes = Object.keys(byRoute);

/**
 * The features a route's pages use, core first. No route (a page not found) shows only the
 * frame and the error page; a route the map does not name gets every feature.
 */
export function routeFeatures(routeId: string | null): readonly Feature[] {
	if (routeId === null) return ['core'];
	const own = byRoute[routeId];
	return own ? ['core', ...own] : features;
}
