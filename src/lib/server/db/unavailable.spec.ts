import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('isDatabaseUnavailable', () => {
	it('recognises a refused, closed or timed-out connection', () => {
		for (const code of ['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', 'ECONNRESET']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
	});

	it('recognises a server shutting down or starting up, and every connection exception', () => {
		for (const code of ['57P01', '57P03', '08006', '08001']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(true);
	});

	it('does not take a faulty query or bad data for an outage', () => {
		for (const code of ['23505', '42P01', '22P02', '40001', 'ERR_INVALID_ARG_TYPE']) expect(isDatabaseUnavailable(withCode(code)), code).toBe(false);
		expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
		expect(isDatabaseUnavailable(undefined)).toBe(false);
		expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
	});
});
