import path from 'node:path';
import { z } from 'zod';

/**
 * The installation's settings, read once from the environment. Server modules take
 * their settings from here (never from `$env`), so that scripts run outside SvelteKit
 * (migrate, admin, demo) see exactly what the server sees.
 */
/** An installation-wide identity provider, as written in MODEN_OIDC_PROVIDERS. */
const installationProvider = z.object({
	key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a short name of lower-case letters, digits and hyphens, e.g. "entra"'),
	name: z.string().trim().min(1).max(100),
	issuer: z.url({ protocol: /^https?$/ }).max(500),
	clientId: z.string().min(1).max(300),
	clientSecret: z.string().min(1).max(2000)
});

/** The 32 bytes of MODEN_SECRET_KEY, or null when the text is not such a key. */
export function secretKeyBytes(text: string): Buffer | null {
	const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : /^[A-Za-z0-9+/]{43}=$/.test(text) ? Buffer.from(text, 'base64') : null;
	return key?.length === 32 ? key : null;
}

const schema = z
	.object({
		DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
		MODEN_DATA_DIR: z.string().min(1).default('./data/postgres'),
		MODEN_DB_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
		// the most connections this process opens to PostgreSQL (unset: see connectionsFor in db/index.ts)
		MODEN_DB_CONNECTIONS: z.coerce.number().int().min(1).max(200).optional(),
		MODEN_MIGRATIONS_DIR: z.string().min(1).default('./migrations'),
		MODEN_QUESTIONNAIRES_DIR: z.string().min(1).default('./questionnaires'),
		// load the demo collaboration into an empty embedded database at start-up (0: never)
		MODEN_DEMO: z
			.enum(['0', '1'], { error: 'must be 0 or 1' })
			.default('1')
			.transform((v) => v === '1'),
		// k of "a peer group is shown only with at least k organisations" (BRIEF §6); never below 3
		MODEN_MIN_GROUP_SIZE: z.coerce.number().int().min(3, 'must be 3 or more: smaller groups could be recovered').max(1000).default(5),
		// points (0–100 scale) by which every hidden value must stay undetermined, either way (docs/privacy.md)
		MODEN_PROTECTION_WIDTH: z.coerce.number().min(1, 'must be at least 1 point').max(50).default(10),
		// run the job runner in this process: rounds closing by date, reminders, mail retries, clean-up (0: not here)
		MODEN_JOBS: z
			.enum(['0', '1'], { error: 'must be 0 or 1' })
			.default('1')
			.transform((v) => v === '1'),
		// the public address, for links in mails that no request asked for (adapter-node reads it too)
		ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		// 32 random bytes (base64 or hex) that seal the client secrets of the collaborations' identity providers
		MODEN_SECRET_KEY: z
			.string()
			.refine((v) => secretKeyBytes(v) !== null, 'must be 32 bytes written as base64 (44 characters) or hex (64), e.g. from `openssl rand -base64 32`')
			.optional(),
		// installation-wide OpenID Connect providers, a JSON array (docs/sso.md)
		MODEN_OIDC_PROVIDERS: z
			.string()
			.transform((text, ctx) => {
				try {
					return JSON.parse(text) as unknown;
				} catch {
					ctx.addIssue({
						code: 'custom',
						message: 'must be a JSON array, e.g. [{"key":"entra","name":"Microsoft","issuer":"https://…","clientId":"…","clientSecret":"…"}]'
					});
					return z.NEVER;
				}
			})
			.pipe(z.array(installationProvider).max(20))
			.refine((list) => new Set(list.map((p) => p.key)).size === list.length, 'every provider needs a key of its own')
			.default([]),
		// 1: identity providers may be reached over plain HTTP (development and tests only)
		MODEN_OIDC_ALLOW_HTTP: z
			.enum(['0', '1'], { error: 'must be 0 or 1' })
			.default('0')
			.transform((v) => v === '1')
	})
	.superRefine((config, ctx) => {
		for (const [i, provider] of config.MODEN_OIDC_PROVIDERS.entries()) {
			if (!config.MODEN_OIDC_ALLOW_HTTP && !provider.issuer.startsWith('https://')) {
				ctx.addIssue({
					code: 'custom',
					path: ['MODEN_OIDC_PROVIDERS', i, 'issuer'],
					message: 'must be an https:// address (MODEN_OIDC_ALLOW_HTTP=1 allows http:// for development)'
				});
			}
		}
	});

export type Config = z.infer<typeof schema>;

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = schema.safeParse(emptyToUndefined(env));
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
	}
	const config = parsed.data;
	return {
		...config,
		MODEN_DATA_DIR: path.resolve(config.MODEN_DATA_DIR),
		MODEN_MIGRATIONS_DIR: path.resolve(config.MODEN_MIGRATIONS_DIR),
		MODEN_QUESTIONNAIRES_DIR: path.resolve(config.MODEN_QUESTIONNAIRES_DIR)
	};
}

/** Where people reach this installation: ORIGIN, or the local address `npm start` serves. */
export function publicOrigin(config: Config): string {
	return (config.ORIGIN ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

let current: Config | undefined;

/** The running server's settings: the environment, read and checked the first time they are asked for. */
export function serverConfig(): Config {
	return (current ??= readConfig());
}

/** `FOO=` in a shell or .env means "not set", not "set to the empty string". */
function emptyToUndefined(env: Record<string, string | undefined>) {
	return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
