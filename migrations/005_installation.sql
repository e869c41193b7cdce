-- Facts about the installation itself, e.g. that it holds generated demonstration data
-- (the app then says so on every page).
create table installation_setting (
	key text primary key check (key ~ '^[a-z][a-z0-9_]{0,59}$'),
	value jsonb not null,
	updated_at timestamptz not null default now()
);
