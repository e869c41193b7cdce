import { json } from '@sveltejs/kit';
import { db, isDatabaseReachable } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** For load balancers and monitoring: 200 while the database answers, 503 otherwise. */
export const GET: RequestHandler = async () => {
	const reachable = await isDatabaseReachable(db());
	return json(
		{ status: reachable ? 'ok' : 'unavailable', database: reachable ? 'reachable' : 'unreachable' },
		{ status: reachable ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
