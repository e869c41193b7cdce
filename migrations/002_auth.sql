-- One-time links (invitations, password resets) and sign-in throttling.

-- The link carries "<id>.<secret>"; only a SHA-256 of the secret is kept.
create table user_token (
	id text primary key,
	user_id uuid not null references app_user on delete cascade,
	purpose text not null check (purpose in ('invitation', 'password_reset')),
	secret_hash bytea not null,
	-- the collaboration an invitation came from, for its audit trail
	collaboration_id uuid references collaboration on delete cascade,
	created_by uuid references app_user on delete set null,
	created_at timestamptz not null default now(),
	expires_at timestamptz not null,
	used_at timestamptz,
	check (expires_at > created_at)
);
create index user_token_user_idx on user_token (user_id, purpose);

-- Failed or counted attempts per key ("sign-in:ip:…", "sign-in:account:…") in a
-- fixed window. Kept in PostgreSQL so the limits hold across several app instances.
create table throttle (
	key text primary key check (length(key) <= 300),
	hits integer not null check (hits >= 0),
	window_started timestamptz not null
);
