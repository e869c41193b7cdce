import autocannon from 'autocannon';
import type { BenchItem, BenchRespondent } from './respondents';

/**
 * The save path under load: `connections` signed-in respondents at once, each on its own
 * keep-alive connection, each posting one changed answer after another to the answering
 * page's `?/save` action exactly as the page's autosave does (URL-encoded form, rev and
 * choice of the item, x-sveltekit-action). Every request changes the stored level, so
 * every save is a real update. The floor is the same server's constant endpoint /ping,
 * posted the same request (cookie, headers, body) by the same number of connections.
 */
export interface LoadResult {
	connections: number;
	seconds: number;
	/** completed requests that did what they should (a saved answer, a pong), and those per second */
	completed: number;
	throughput: number;
	p50: number;
	p99: number;
	/** responses that were not a success, and connection errors or timeouts */
	failed: number;
}

export interface Session {
	cookie: string;
	respondent: BenchRespondent;
}

/** The autosave's body for one item (answering-state.svelte.ts), with a level other than the stored one. */
function saveBody(item: BenchItem): { body: string; level: number } {
	const level = ((item.level ?? 0) % 5) + 1;
	const body = new URLSearchParams({
		[`rev:${item.key}`]: String(item.revision),
		[`choice:${item.key}`]: String(level),
		[`reason:${item.key}`]: '',
		[`comment:${item.key}`]: '',
		[`evidence:${item.key}`]: ''
	}).toString();
	return { body, level };
}

const headersOf = (origin: string, cookie: string) => ({
	cookie,
	origin,
	accept: 'application/json',
	'x-sveltekit-action': 'true',
	'content-type': 'application/x-www-form-urlencoded;charset=UTF-8'
});

type Request = autocannon.Request;

/** `connections` connections for `seconds`, each given its session's request by `requestOf`. */
function run(origin: string, sessions: Session[], seconds: number, requestOf: (session: Session, succeeded: () => void) => Request): Promise<LoadResult> {
	let next = 0;
	let ok = 0;
	const succeeded = () => void ok++;
	return new Promise((resolve, reject) => {
		const options: autocannon.Options = {
			url: origin,
			connections: sessions.length,
			duration: seconds,
			timeout: 30,
			setupClient: (client: autocannon.Client) => client.setRequests([requestOf(sessions[next++ % sessions.length]!, succeeded)])
		};
		autocannon(options, (error: Error | null, result: autocannon.Result) => {
			if (error) return reject(error);
			resolve({
				connections: sessions.length,
				seconds: result.duration,
				completed: ok,
				throughput: ok / result.duration,
				p50: result.latency.p50,
				p99: result.latency.p99,
				failed: result.requests.total - ok + result.errors + result.timeouts
			});
		});
	});
}

/**
 * Slices of one load taken at different times, as one result: throughput over their whole
 * time, the median of their medians, and the worst of their p99s.
 */
export function combine(slices: LoadResult[]): LoadResult {
	const seconds = slices.reduce((t, s) => t + s.seconds, 0);
	const completed = slices.reduce((t, s) => t + s.completed, 0);
	const p50s = slices.map((s) => s.p50).sort((a, b) => a - b);
	return {
		connections: slices[0]!.connections,
		seconds,
		completed,
		throughput: completed / seconds,
		p50: p50s[Math.floor(p50s.length / 2)]!,
		p99: Math.max(...slices.map((s) => s.p99)),
		failed: slices.reduce((t, s) => t + s.failed, 0)
	};
}

/** Each connection saves as its own respondent: the items of a dimension in turn, each changed. */
export function saveLoad(origin: string, sessions: Session[], seconds: number): Promise<LoadResult> {
	return run(origin, sessions, seconds, ({ cookie, respondent }, succeeded) => {
		const headers = headersOf(origin, cookie);
		let turn = 0;
		let sent: { item: BenchItem; level: number } | null = null;
		return {
			method: 'POST',
			path: `/assessments/${respondent.assessmentId}/${respondent.dimension}?/save`,
			setupRequest(request) {
				const item = respondent.items[turn++ % respondent.items.length]!;
				const { body, level } = saveBody(item);
				sent = { item, level };
				return { ...request, headers, body };
			},
			onResponse(status, body) {
				if (status !== 200 || !body.includes('"type":"success"') || !sent) return;
				sent.item.revision += 1;
				sent.item.level = sent.level;
				succeeded();
			}
		};
	});
}

/** The constant endpoint, posted each respondent's save request, one connection each. */
export function floorLoad(origin: string, sessions: Session[], seconds: number): Promise<LoadResult> {
	return run(origin, sessions, seconds, ({ cookie, respondent }, succeeded) => ({
		method: 'POST',
		path: '/ping',
		headers: headersOf(origin, cookie),
		body: saveBody(respondent.items[0]!).body,
		onResponse(status, body) {
			if (status === 200 && body === 'pong') succeeded();
		}
	}));
}
