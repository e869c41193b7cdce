import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emailField, fieldErrors, lineField, passwordField, safeReturnPath, textRule } from './forms';

const origin = 'https://moden.example';
const onSite = (path: string) => new URL(path, origin).origin === origin;

describe('safeReturnPath', () => {
	it.each([
		['/collaborations?x=1#top', '/collaborations?x=1#top'],
		['/', '/'],
		['/a/../b', '/b'],
		['/%2F/evil.example', '/%2F/evil.example'],
		['/\t/evil.example', '/'],
		['/\n/evil.example', '/'],
		['/x\r\nSet-Cookie: a=b', '/'],
		['//evil.example', '/'],
		['/\\evil.example', '/'],
		['\\/evil.example', '/'],
		['https://evil.example/', '/'],
		['javascript:alert(1)', '/'],
		[' /x', '/'],
		['/x\u0000y', '/'],
		['/x\u00a0y', '/']
	])('%j → %j', (value, expected) => {
		expect(safeReturnPath(value, origin)).toBe(expected);
	});

	it('answers the fallback for what is not a string', () => {
		expect(safeReturnPath(null, origin, '/here')).toBe('/here');
		expect(safeReturnPath(['/x'], origin, '/here')).toBe('/here');
	});

	it('gives only paths of this site that a Location header can carry, whatever it is given (property)', () => {
		const part = fc.oneof(fc.string(), fc.constantFrom('/', '//', '\\', '\t', '\n', '\r', ' ', '%09', '%2F', 'evil.example', ':', '@', '?', '#', '..'));
		fc.assert(
			fc.property(
				fc.array(part, { maxLength: 8 }).map((p) => p.join('')),
				(value) => {
					const path = safeReturnPath(value, origin);
					expect(path).toMatch(/^\/(?![/\\])/);
					// eslint-disable-next-line no-control-regex -- a Location header must carry none
					expect(path).not.toMatch(/[\u0000-\u0020\u007f\\]/);
					expect(onSite(path)).toBe(true);
				}
			)
		);
	});
});

describe('text fields', () => {
	const schema = z.object({ name: lineField({ min: 1, max: 200 }), text: textRule(z.string(), { lines: true }), email: emailField, password: passwordField });
	const errorsOf = (input: Record<string, string>) => {
		const parsed = schema.safeParse({ name: 'Kari', text: 'ok', email: 'kari@hamar.kommune.no', password: 'a long enough password', ...input });
		return parsed.success ? {} : fieldErrors(parsed.error);
	};

	it('refuses NUL and other control characters in every field, with its own message', () => {
		for (const field of ['name', 'text', 'email', 'password']) {
			for (const value of ['x\u0000y', 'x\u0007y', 'x\u001by', 'x\u007fy', 'x\u0085y', 'x\ud800y', 'x\udfffy', '\udc00\ud800']) {
				expect(errorsOf({ [field]: `${value} long enough` })[field], `${field} ${JSON.stringify(value)}`).toBe('form.control_characters');
			}
		}
	});

	it('names a control character before any other problem of the field', () => {
		expect(errorsOf({ password: 'x\u0000' }).password).toBe('form.control_characters');
		expect(errorsOf({ name: `${'x'.repeat(300)}\u0000` }).name).toBe('form.control_characters');
		expect(errorsOf({ email: 'not\u0000an address' }).email).toBe('form.control_characters');
	});

	it('keeps line breaks and tabs only where text may have several lines', () => {
		for (const value of ['one\ntwo', 'one\r\ntwo', 'one\ttwo', 'one\rtwo']) {
			expect(errorsOf({ text: value })).toEqual({});
			expect(errorsOf({ name: value }).name).toBe('form.single_line');
			expect(errorsOf({ password: `${value} long enough` }).password).toBe('form.single_line');
		}
		expect(errorsOf({ name: '  Kari Nordmann \n' })).toEqual({}); // what trimming removes is not in the name
	});

	it('accepts any other text, whole surrogate pairs (emoji) and letters of every script included', () => {
		for (const value of ['Åse Ødegård', 'Örjan Ängström', '😀 Kari', '中文', 'Ŋ ŧ ǥ', 'a\u200db']) expect(errorsOf({ name: value, text: value })).toEqual({});
	});
});
