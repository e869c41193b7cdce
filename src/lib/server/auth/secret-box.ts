import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (the client secrets of identity providers): AES-256-GCM under the
 * installation's MODEN_SECRET_KEY, which lives in the environment and never in the
 * database, so a copy of the database alone gives no secret away. The row's id is the
 * additional data: a sealed secret moved to another row does not open there.
 *
 * Layout: version byte (1), 12-byte nonce, 16-byte tag, ciphertext.
 */
const VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export function seal(key: Buffer, plaintext: string, boundTo: string): Buffer {
	const nonce = randomBytes(NONCE_BYTES);
	const cipher = createCipheriv('aes-256-gcm', key, nonce);
	cipher.setAAD(Buffer.from(boundTo, 'utf8'));
	const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
	return Buffer.concat([Buffer.from([VERSION]), nonce, cipher.getAuthTag(), ciphertext]);
}

/** The secret, or null when it was sealed under another key, for another row, or altered. */
export function open(key: Buffer, sealed: Uint8Array, boundTo: string): string | null {
	const bytes = Buffer.from(sealed);
	if (bytes.length < 1 + NONCE_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
	const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
	const tag = bytes.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
	try {
		const decipher = createDecipheriv('aes-256-gcm', key, nonce);
		decipher.setAAD(Buffer.from(boundTo, 'utf8'));
		decipher.setAuthTag(tag);
		return Buffer.concat([decipher.update(bytes.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
	} catch {
		return null;
	}
}
