import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, seal } from './secret-box';

describe('secrets sealed with AES-256-GCM', () => {
	const key = randomBytes(32);

	it('opens what it sealed, for the same row and key, whatever the text', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.uuid(), (secret, row) => {
				expect(open(key, seal(key, secret, row), row)).toBe(secret);
			})
		);
	});

	it('keeps the secret out of what is stored, and seals the same text differently each time', () => {
		const secret = 'client-secret-Ab1~xyz-0123456789';
		const a = seal(key, secret, 'row');
		const b = seal(key, secret, 'row');
		expect(a.includes(Buffer.from(secret))).toBe(false);
		expect(a.equals(b)).toBe(false);
	});

	it('opens nothing under another key, for another row, or once a byte changed', () => {
		const sealed = seal(key, 'the secret', 'row-1');
		expect(open(randomBytes(32), sealed, 'row-1')).toBeNull();
		expect(open(key, sealed, 'row-2')).toBeNull();
		for (const at of [0, 1, 13, 29, sealed.length - 1]) {
			const altered = Buffer.from(sealed);
			altered[at]! ^= 1;
			expect(open(key, altered, 'row-1'), `byte ${at}`).toBeNull();
		}
		expect(open(key, sealed.subarray(0, 20), 'row-1')).toBeNull();
	});
});
