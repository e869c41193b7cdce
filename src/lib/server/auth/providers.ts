import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import { audit } from '../audit';
import { secretKeyBytes, serverConfig, type Config } from '../config';
import type { Db } from '../db/index';
import { open, seal } from './secret-box';
import type { Admission } from './sso-policy';

/**
 * The identity providers the collaborations trust (identity_provider): their own
 * registrations, with the client secret sealed under MODEN_SECRET_KEY, and their use of
 * the installation-wide providers of MODEN_OIDC_PROVIDERS. The protocol is in oidc.ts,
 * the decision whom a provider may sign in in sso-policy.ts and sso.ts.
 */
export interface InstallationProvider {
	key: string;
	name: string;
	issuer: string;
	clientId: string;
	clientSecret: string;
}

export interface SsoSettings {
	/** null: MODEN_SECRET_KEY is not set, so a collaboration cannot register a provider of its own */
	secretKey: Buffer | null;
	installation: readonly InstallationProvider[];
	allowHttp: boolean;
}

export function ssoSettings(config: Config = serverConfig()): SsoSettings {
	return {
		secretKey: config.MODEN_SECRET_KEY ? secretKeyBytes(config.MODEN_SECRET_KEY) : null,
		installation: config.MODEN_OIDC_PROVIDERS,
		allowHttp: config.MODEN_OIDC_ALLOW_HTTP
	};
}

export interface Provider {
	id: string;
	collaborationId: string;
	/** set when the row is the collaboration's use of an installation-wide provider */
	installationKey: string | null;
	displayName: string;
	issuer: string | null;
	clientId: string | null;
	tenants: string[];
	domains: string[];
}

/** What openid-client needs to talk to a provider as Moden. */
export interface ClientSettings {
	issuer: string;
	clientId: string;
	clientSecret: string;
}

export class NoSecretKeyError extends Error {
	constructor() {
		super('MODEN_SECRET_KEY is not set: client secrets cannot be stored.');
	}
}

const columns = (sql: Db) => sql`
	id, collaboration_id as "collaborationId", installation_key as "installationKey", display_name as "displayName",
	issuer, client_id as "clientId", allowed_tenants as tenants, allowed_domains as domains`;

export async function listProviders(sql: Db, collaborationId: string): Promise<Provider[]> {
	return sql<Provider[]>`select ${columns(sql)} from identity_provider where collaboration_id = ${collaborationId} order by display_name, id`;
}

export async function getProvider(sql: Db, id: string): Promise<Provider | null> {
	const [row] = await sql<Provider[]>`select ${columns(sql)} from identity_provider where id = ${id}`;
	return row ?? null;
}

/** The issuer address a row signs in through: its own, or its installation-wide provider's. */
export function issuerOf(provider: Provider, settings: SsoSettings): string | null {
	if (provider.installationKey === null) return provider.issuer;
	return settings.installation.find((p) => p.key === provider.installationKey)?.issuer ?? null;
}

/** The client to use for a row, or null when it cannot be used (its secret does not open, or its installation provider is gone). */
export async function clientOf(sql: Db, provider: Provider, settings: SsoSettings): Promise<ClientSettings | null> {
	if (provider.installationKey !== null) {
		const p = settings.installation.find((i) => i.key === provider.installationKey);
		return p ? { issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret } : null;
	}
	if (!settings.secretKey || !provider.issuer || !provider.clientId) return null;
	const [row] = await sql<{ sealed: Uint8Array }[]>`select client_secret as sealed from identity_provider where id = ${provider.id}`;
	const secret = row ? open(settings.secretKey, row.sealed, provider.id) : null;
	return secret === null ? null : { issuer: provider.issuer, clientId: provider.clientId, clientSecret: secret };
}

export function installationClient(key: string, settings: SsoSettings): ClientSettings | null {
	const p = settings.installation.find((i) => i.key === key);
	return p ? { issuer: p.issuer, clientId: p.clientId, clientSecret: p.clientSecret } : null;
}

/**
 * Every row, in any collaboration, that signs in through the same issuer address: how
 * the collaborations of a person are asked whether they trust this provider.
 */
export async function admissionsThrough(sql: Db, issuer: string, settings: SsoSettings): Promise<Admission[]> {
	const href = issuerHref(issuer);
	const keys = settings.installation.filter((p) => issuerHref(p.issuer) === href).map((p) => p.key);
	return sql<Admission[]>`
		select collaboration_id as "collaborationId", allowed_tenants as tenants, allowed_domains as domains
		from identity_provider where issuer = ${href} or installation_key = any(${keys})`;
}

/** The rows that use an installation-wide provider (a sign-in begun from its button). */
export async function admissionsOfInstallation(sql: Db, key: string): Promise<Admission[]> {
	return sql<Admission[]>`
		select collaboration_id as "collaborationId", allowed_tenants as tenants, allowed_domains as domains
		from identity_provider where installation_key = ${key}`;
}

/** An issuer address as stored and compared: the URL parser's form (`https://idp.example` → `https://idp.example/`). */
export function issuerHref(issuer: string): string {
	return new URL(issuer).href;
}

/** The providers whose rows list this e-mail domain, for "sign in with …" on the sign-in page. */
export async function providersForDomain(sql: Db, domain: string): Promise<{ id: string; displayName: string }[]> {
	return sql<{ id: string; displayName: string }[]>`
		select id, display_name as "displayName" from identity_provider
		where allowed_domains @> array[${domain.toLowerCase()}]::text[] order by display_name, id limit 10`;
}

/** The installation-wide providers some collaboration uses: the buttons of the sign-in page. */
export async function installationButtons(sql: Db, settings: SsoSettings): Promise<{ key: string; name: string }[]> {
	if (settings.installation.length === 0) return [];
	const used = new Set(
		(await sql<{ key: string }[]>`select distinct installation_key as key from identity_provider where installation_key is not null`).map((r) => r.key)
	);
	return settings.installation.filter((p) => used.has(p.key)).map(({ key, name }) => ({ key, name }));
}

export interface ProviderInput {
	displayName: string;
	tenants: string[];
	domains: string[];
}

/** A collaboration's own registration; the secret is sealed before it reaches the database. */
export async function addProvider(
	sql: Sql,
	collaborationId: string,
	input: ProviderInput & { issuer: string; clientId: string; clientSecret: string },
	settings: SsoSettings,
	actorId: string
): Promise<string> {
	if (!settings.secretKey) throw new NoSecretKeyError();
	const id = randomUUID();
	await sql.begin(async (tx) => {
		await tx`
			insert into identity_provider (id, collaboration_id, display_name, issuer, client_id, client_secret, allowed_tenants, allowed_domains)
			values (${id}, ${collaborationId}, ${input.displayName}, ${input.issuer}, ${input.clientId},
				${seal(settings.secretKey!, input.clientSecret, id)}, ${input.tenants}, ${input.domains})`;
		await audit(tx, { action: 'sso_provider.added', actorId, collaborationId, subjectType: 'identity_provider', subjectId: id, detail: describe(input) });
	});
	return id;
}

/** The collaboration's use of an installation-wide provider, with its own allow-lists. */
export async function useInstallationProvider(sql: Sql, collaborationId: string, input: ProviderInput & { key: string }, actorId: string): Promise<string> {
	return sql.begin(async (tx) => {
		const [row] = await tx<{ id: string }[]>`
			insert into identity_provider (collaboration_id, installation_key, display_name, allowed_tenants, allowed_domains)
			values (${collaborationId}, ${input.key}, ${input.displayName}, ${input.tenants}, ${input.domains}) returning id`;
		await audit(tx, { action: 'sso_provider.added', actorId, collaborationId, subjectType: 'identity_provider', subjectId: row!.id, detail: describe(input) });
		return row!.id;
	});
}

/** Changes a row of the collaboration; an empty secret keeps the stored one. False: no such row here. */
export async function updateProvider(
	sql: Sql,
	collaborationId: string,
	id: string,
	input: ProviderInput & { issuer?: string; clientId?: string; clientSecret?: string },
	settings: SsoSettings,
	actorId: string
): Promise<boolean> {
	if (input.clientSecret && !settings.secretKey) throw new NoSecretKeyError();
	return sql.begin(async (tx) => {
		const [row] = await tx<{ own: boolean }[]>`
			select installation_key is null as own from identity_provider where id = ${id} and collaboration_id = ${collaborationId} for update`;
		if (!row) return false;
		const secret = input.clientSecret && row.own ? seal(settings.secretKey!, input.clientSecret, id) : null;
		await tx`
			update identity_provider set display_name = ${input.displayName}, allowed_tenants = ${input.tenants}, allowed_domains = ${input.domains},
				issuer = case when ${row.own} then coalesce(${input.issuer ?? null}, issuer) end,
				client_id = case when ${row.own} then coalesce(${input.clientId ?? null}, client_id) end,
				client_secret = case when ${row.own} then coalesce(${secret}, client_secret) end,
				updated_at = now()
			where id = ${id}`;
		await audit(tx, { action: 'sso_provider.updated', actorId, collaborationId, subjectType: 'identity_provider', subjectId: id, detail: describe(input) });
		return true;
	});
}

/** Removes a row; its people's links stay (they are the person's), sessions begun through it go on until they end. */
export async function removeProvider(sql: Sql, collaborationId: string, id: string, actorId: string): Promise<boolean> {
	return sql.begin(async (tx) => {
		const [row] = await tx<{ displayName: string }[]>`
			delete from identity_provider where id = ${id} and collaboration_id = ${collaborationId} returning display_name as "displayName"`;
		if (!row) return false;
		const [left] = await tx<{ n: number }[]>`select count(*)::int as n from identity_provider where collaboration_id = ${collaborationId}`;
		// Without a provider, a requirement to use one would lock everyone out.
		if (left!.n === 0) await tx`update collaboration set sso_required = false where id = ${collaborationId}`;
		await audit(tx, { action: 'sso_provider.removed', actorId, collaborationId, subjectType: 'identity_provider', subjectId: id, detail: row });
		return true;
	});
}

/** What the audit trail keeps of a change: never the secret. */
function describe(input: ProviderInput & { issuer?: string; clientId?: string; clientSecret?: string; key?: string }) {
	const { clientSecret, ...rest } = input;
	return { ...rest, secretChanged: Boolean(clientSecret) };
}
