// The part of autocannon's API the bench uses (the package ships no types).
declare module 'autocannon' {
	namespace autocannon {
		interface Request {
			method?: string;
			path?: string;
			headers?: Record<string, string>;
			body?: string;
			setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
			onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
		}
		interface Client {
			setRequests(requests: Request[]): void;
		}
		interface Options {
			url: string;
			connections?: number;
			duration?: number;
			timeout?: number;
			requests?: Request[];
			setupClient?: (client: Client) => void;
		}
		interface Histogram {
			p50: number;
			p99: number;
			average: number;
		}
		interface Result {
			duration: number;
			latency: Histogram;
			requests: Histogram & { total: number };
			errors: number;
			timeouts: number;
			non2xx: number;
		}
	}
	function autocannon(options: autocannon.Options, done: (error: Error | null, result: autocannon.Result) => void): unknown;
	export = autocannon;
}
