import path from 'node:path';
import { z } from 'zod';

/**
 * The installation's settings, read once from the environment. Server modules take
 * their settings from here (never from `$env`), so that scripts run outside SvelteKit
 * (migrate, admin, demo) see exactly what the server sees.
 */
const schema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
	MODEN_DATA_DIR: z.string().min(1).default('./data/postgres'),
	MODEN_DB_WAIT_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
	MODEN_MIGRATIONS_DIR: z.string().min(1).default('./migrations'),
	MODEN_QUESTIONNAIRES_DIR: z.string().min(1).default('./questionnaires'),
	// load the demo collaboration into an empty embedded database at start-up (0: never)
	MODEN_DEMO: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('1').transform((v) => v === '1'),
	// k of "a peer group is shown only with at least k organisations" (BRIEF §6); never below 3
	MODEN_MIN_GROUP_SIZE: z.coerce.number().int().min(3, 'must be 3 or more: smaller groups could be recovered').max(1000).default(5),
	// points (0–100 scale) by which every hidden value must stay undetermined, either way (docs/privacy.md)
	MODEN_PROTECTION_WIDTH: z.coerce.number().min(1, 'must be at least 1 point').max(50).default(10),
	// run the job runner in this process: rounds closing by date, reminders, mail retries, clean-up (0: not here)
	MODEN_JOBS: z.enum(['0', '1'], { error: 'must be 0 or 1' }).default('1').transform((v) => v === '1'),
	// the public address, for links in mails that no request asked for (adapter-node reads it too)
	ORIGIN: z.url({ protocol: /^https?$/ }).optional(),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000)
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
