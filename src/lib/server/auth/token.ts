import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { randomBytes } from 'node:crypto';

/**
 * Tokens the Lucia way, for sessions and one-time links alike: "<id>.<secret>". The id
 * finds the row; only SHA-256(secret) is stored and it is compared in constant time,
 * so neither a database leak nor response timing gives a usable token away.
 */
export interface IssuedToken {
	id: string;
	secretHash: Uint8Array;
	token: string;
}

export function issueToken(): IssuedToken {
	const id = encodeBase32LowerCaseNoPadding(randomBytes(15));
	const secret = encodeBase32LowerCaseNoPadding(randomBytes(20));
	return { id, secretHash: hashSecret(secret), token: `${id}.${secret}` };
}

export function parseToken(token: string): { id: string; secret: string } | null {
	const parts = token.split('.');
	if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]!) || !/^[a-z2-7]{32}$/.test(parts[1]!)) return null;
	return { id: parts[0]!, secret: parts[1]! };
}

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return constantTimeEqual(hashSecret(secret), storedHash);
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}
