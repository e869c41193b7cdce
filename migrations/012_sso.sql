-- Sign-in through the municipality's own identity provider (OpenID Connect; docs/sso.md).

-- A collaboration may require its people to sign in through a provider: password sign-in
-- is then refused to anyone with a role in it.
alter table collaboration add column sso_required boolean not null default false;

-- A provider a collaboration trusts: either its own registration (issuer, client id, and
-- the client secret sealed with AES-256-GCM under MODEN_SECRET_KEY), or the use of an
-- installation-wide provider from MODEN_OIDC_PROVIDERS by its key. Who may sign in through
-- it: with tenant ids (Entra ID multi-tenant), those whose token's tid is listed (the
-- domains then say which e-mail addresses count as verified); else those whose e-mail
-- domain is listed.
create table identity_provider (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null references collaboration on delete cascade,
	installation_key text check (installation_key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
	display_name text not null check (length(display_name) between 1 and 100),
	issuer text check (issuer ~ '^https?://' and length(issuer) <= 500),
	client_id text check (length(client_id) between 1 and 300),
	client_secret bytea,
	allowed_tenants text[] not null default '{}' check (cardinality(allowed_tenants) <= 50),
	allowed_domains text[] not null default '{}' check (cardinality(allowed_domains) <= 50),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	check ((installation_key is null) = (issuer is not null and client_id is not null and client_secret is not null)),
	check (installation_key is null or (issuer is null and client_id is null and client_secret is null)),
	check (cardinality(allowed_tenants) > 0 or cardinality(allowed_domains) > 0)
);
create index identity_provider_collaboration_idx on identity_provider (collaboration_id);
create index identity_provider_domains_idx on identity_provider using gin (allowed_domains);

-- A person's identity at a provider: the ID token's issuer and subject. Made by a
-- verified e-mail on the first sign-in; later sign-ins find the person by it.
create table user_identity (
	issuer text not null check (length(issuer) <= 500),
	subject text not null check (length(subject) between 1 and 255),
	user_id uuid not null references app_user on delete cascade,
	provider_id uuid references identity_provider on delete set null,
	linked_at timestamptz not null default now(),
	last_used_at timestamptz,
	primary key (issuer, subject)
);
create index user_identity_user_idx on user_identity (user_id);

-- A sign-in on its way to a provider and back, at most ten minutes: the browser holds
-- "<id>.<secret>" in a cookie (only SHA-256 of the secret is kept), so the answer is
-- accepted only in the browser that asked, and once (the row is deleted as it is read).
create table sso_flow (
	id text primary key,
	secret_hash bytea not null,
	provider_id uuid references identity_provider on delete cascade,
	installation_key text,
	state text not null,
	nonce text not null,
	code_verifier text not null,
	redirect_uri text not null,
	return_to text not null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	check ((provider_id is null) <> (installation_key is null)),
	check (expires_at > created_at)
);
create index sso_flow_expires_idx on sso_flow (expires_at);

-- How a session began: through which provider (null: a password or a one-time link), for
-- the provider's own sign-out and for switching the requirement on.
alter table user_session add column provider_id uuid references identity_provider on delete set null;
alter table user_session add column installation_key text;
