import type { RequestHandler } from './$types';

/**
 * A constant answer, no database: the floor that `npm run bench` measures the save path
 * against (the same server, hooks and session lookup, nothing else).
 */
const pong = () => new Response('pong', { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });

export const GET: RequestHandler = pong;
export const POST: RequestHandler = pong;
