-- A read API (issue 22): tokens a collaboration's admin creates for its own systems
-- (Power BI, Excel). Only SHA-256 of the secret is stored; the token is "<id>.<secret>".
create table api_token (
	id text primary key,
	collaboration_id uuid not null references collaboration on delete cascade,
	-- null: the whole collaboration, as its admins see it; else one member, as its leadership team sees it
	municipality_id uuid references municipality,
	name text not null check (length(name) between 1 and 200),
	secret_hash bytea not null,
	created_by uuid references app_user on delete set null,
	created_at timestamptz not null default now(),
	expires_at timestamptz,
	revoked_at timestamptz,
	last_used_at timestamptz,
	-- how it was last sent: in the Authorization header, or (for tools that can only do that) in the query string
	last_used_via text check (last_used_via in ('header', 'query')),
	-- the rate limit's current window
	window_started_at timestamptz,
	window_requests integer not null default 0
);
create index api_token_collaboration_idx on api_token (collaboration_id);
