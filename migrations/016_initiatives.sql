-- Initiatives (tiltak / åtgärder): what a sector, a municipality or the collaboration
-- decided to do about what the results showed, who owns it, by when, and how it went.
-- An initiative holds no score: what it addressed is named by item keys (stable across
-- questionnaire versions) and dimensions, and any number shown beside it is read at
-- display time through the access and disclosure modules.

create table initiative (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null references collaboration on delete cascade,
	scope text not null check (scope in ('sector', 'municipality', 'collaboration')),
	municipality_id uuid references municipality,
	sector_id uuid,
	title text not null check (length(btrim(title)) between 1 and 200),
	description text not null default '' check (length(description) <= 8000),
	item_keys text[] not null default '{}' check (cardinality(item_keys) <= 100),
	dimensions text[] not null default '{}' check (cardinality(dimensions) <= 20),
	target_level smallint check (target_level between 1 and 10),
	owner_id uuid references app_user on delete set null,
	due_on date,
	status text not null default 'planned' check (status in ('planned', 'in_progress', 'done', 'dropped')),
	created_by uuid references app_user on delete set null,
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	foreign key (sector_id, collaboration_id) references sector (id, collaboration_id),
	check (case scope
		when 'sector' then municipality_id is not null and sector_id is not null
		when 'municipality' then municipality_id is not null and sector_id is null
		when 'collaboration' then municipality_id is null and sector_id is null
	end),
	unique (id, collaboration_id)
);
create index initiative_collaboration_idx on initiative (collaboration_id, scope);
create index initiative_owner_idx on initiative (owner_id) where status in ('planned', 'in_progress');

-- The members that take part in a joint (collaboration) initiative.
create table initiative_participant (
	initiative_id uuid not null,
	collaboration_id uuid not null,
	municipality_id uuid not null references municipality,
	primary key (initiative_id, municipality_id),
	foreign key (initiative_id, collaboration_id) references initiative (id, collaboration_id) on delete cascade
);

-- The status history: every change with a short note, the first row when it was planned.
create table initiative_event (
	id bigint generated always as identity primary key,
	initiative_id uuid not null,
	collaboration_id uuid not null,
	status text not null check (status in ('planned', 'in_progress', 'done', 'dropped')),
	note text not null default '' check (length(note) <= 1000),
	actor_id uuid references app_user on delete set null,
	at timestamptz not null default now(),
	foreign key (initiative_id, collaboration_id) references initiative (id, collaboration_id) on delete cascade
);
create index initiative_event_initiative_idx on initiative_event (initiative_id, at);
