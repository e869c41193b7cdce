-- The domain model of BRIEF §3. Runs on PostgreSQL 15 and later.
--
-- Tenancy: every row that belongs to one collaboration carries collaboration_id, and
-- child rows reference their parent by (id, collaboration_id), so a row can never point
-- into another tenant, and the schema can later be distributed by collaboration_id.
-- Municipalities, their populations and the questionnaire library are shared by the
-- whole platform: a municipality can be a member of several collaborations over time.

create table collaboration (
	id uuid primary key default gen_random_uuid(),
	name text not null check (length(btrim(name)) between 1 and 200),
	legal_form text not null check (legal_form in (
		'vertskommune', 'kommunalt_oppgavefellesskap', 'iks', 'as', 'samkommune', 'avtale',
		'gemensam_namnd', 'kommunalforbund', 'avtalssamverkan', 'aktiebolag', 'other')),
	country text not null check (country in ('NO', 'SE')),
	-- A board decision: members see each other by name, else only an anonymous distribution.
	members_see_names boolean not null default false,
	created_at timestamptz not null default now()
);
create unique index collaboration_name_key on collaboration (lower(name));

create table municipality (
	id uuid primary key default gen_random_uuid(),
	country text not null check (country in ('NO', 'SE')),
	-- kommunenummer / kommunkod: four digits in both countries, so unique per country only.
	national_number text not null check (national_number ~ '^[0-9]{4}$'),
	name text not null check (length(btrim(name)) between 1 and 200),
	unique (country, national_number)
);

create table municipality_population (
	municipality_id uuid not null references municipality on delete cascade,
	year integer not null check (year between 1900 and 2200),
	population integer not null check (population >= 0),
	primary key (municipality_id, year)
);

create table membership (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null references collaboration on delete cascade,
	municipality_id uuid not null references municipality,
	valid_from date not null,
	valid_to date,
	check (valid_to is null or valid_to >= valid_from),
	unique (collaboration_id, municipality_id, valid_from)
);
create index membership_municipality_idx on membership (municipality_id);

create table sector (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null references collaboration on delete cascade,
	key text not null check (key ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
	name_nb text not null check (length(btrim(name_nb)) between 1 and 100),
	name_sv text not null check (length(btrim(name_sv)) between 1 and 100),
	name_en text not null check (length(btrim(name_en)) between 1 and 100),
	-- sentral ledelse: the municipality as a whole, answered like a sector
	whole_municipality boolean not null default false,
	position integer not null default 0,
	archived_at timestamptz,
	unique (collaboration_id, key),
	unique (id, collaboration_id)
);

create table app_user (
	id uuid primary key default gen_random_uuid(),
	email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
	name text not null default '' check (length(name) <= 200),
	-- argon2id PHC string; null until the person has accepted an invitation
	password_hash text,
	locale text check (locale in ('nb', 'sv', 'en')),
	created_at timestamptz not null default now(),
	disabled_at timestamptz
);
create unique index app_user_email_key on app_user (lower(email));

-- A role held on a scope (BRIEF §2). "grant" is an SQL keyword, hence role_grant.
create table role_grant (
	id uuid primary key default gen_random_uuid(),
	user_id uuid not null references app_user on delete cascade,
	role text not null check (role in (
		'platform_admin', 'collaboration_admin', 'board_viewer',
		'coordinator', 'executive_viewer', 'respondent')),
	collaboration_id uuid references collaboration on delete cascade,
	municipality_id uuid references municipality,
	sector_id uuid,
	created_at timestamptz not null default now(),
	created_by uuid references app_user on delete set null,
	foreign key (sector_id, collaboration_id) references sector (id, collaboration_id) on delete cascade,
	check (case role
		when 'platform_admin' then collaboration_id is null and municipality_id is null and sector_id is null
		when 'collaboration_admin' then collaboration_id is not null and municipality_id is null and sector_id is null
		when 'board_viewer' then collaboration_id is not null and municipality_id is null and sector_id is null
		when 'coordinator' then collaboration_id is not null and municipality_id is not null and sector_id is null
		when 'executive_viewer' then collaboration_id is not null and municipality_id is not null and sector_id is null
		when 'respondent' then collaboration_id is not null and municipality_id is not null and sector_id is not null
	end),
	unique nulls not distinct (user_id, role, collaboration_id, municipality_id, sector_id)
);
create index role_grant_collaboration_idx on role_grant (collaboration_id);

-- Sessions the Lucia way: the token is "<id>.<secret>"; only a SHA-256 of the secret is kept.
create table user_session (
	id text primary key,
	secret_hash bytea not null,
	user_id uuid not null references app_user on delete cascade,
	created_at timestamptz not null default now(),
	last_verified_at timestamptz not null default now()
);
create index user_session_user_idx on user_session (user_id);

-- The instrument library is platform-wide; versions are registered from questionnaires/
-- and frozen once published (content_hash).
create table questionnaire (
	id uuid primary key default gen_random_uuid(),
	slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,59}$')
);

create table questionnaire_version (
	id uuid primary key default gen_random_uuid(),
	questionnaire_id uuid not null references questionnaire,
	version integer not null check (version >= 1),
	content_hash text not null,
	definition jsonb not null,
	published_at timestamptz not null default now(),
	unique (questionnaire_id, version)
);

-- The items of a version as rows, so answers can reference them and SQL can aggregate.
create table questionnaire_item (
	questionnaire_version_id uuid not null references questionnaire_version on delete cascade,
	key text not null,
	dimension text not null,
	weight numeric not null check (weight > 0),
	allow_na boolean not null,
	position integer not null,
	primary key (questionnaire_version_id, key)
);

create table round (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null references collaboration on delete cascade,
	year integer not null check (year between 2000 and 2200),
	questionnaire_version_id uuid not null references questionnaire_version,
	opens_on date not null,
	closes_on date not null,
	closed_at timestamptz,
	created_at timestamptz not null default now(),
	check (closes_on >= opens_on),
	unique (collaboration_id, year),
	unique (id, collaboration_id)
);

create table assessment (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null,
	round_id uuid not null,
	municipality_id uuid not null references municipality,
	sector_id uuid not null,
	status text not null default 'not_started'
		check (status in ('not_started', 'in_progress', 'submitted', 'reopened')),
	updated_at timestamptz not null default now(),
	foreign key (round_id, collaboration_id) references round (id, collaboration_id) on delete cascade,
	foreign key (sector_id, collaboration_id) references sector (id, collaboration_id),
	unique (round_id, municipality_id, sector_id),
	unique (id, collaboration_id)
);
create index assessment_collaboration_idx on assessment (collaboration_id, round_id);
create index assessment_municipality_idx on assessment (municipality_id);

create table response (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null,
	assessment_id uuid not null,
	-- null once the respondent's personal data was deleted: the answers stay, anonymous
	respondent_id uuid references app_user on delete set null,
	status text not null default 'in_progress'
		check (status in ('in_progress', 'submitted', 'reopened')),
	started_at timestamptz not null default now(),
	submitted_at timestamptz,
	check ((status = 'submitted') = (submitted_at is not null)),
	foreign key (assessment_id, collaboration_id) references assessment (id, collaboration_id) on delete cascade,
	unique (id, collaboration_id)
);
create unique index response_respondent_key on response (assessment_id, respondent_id)
	where respondent_id is not null;

create table answer (
	response_id uuid not null,
	collaboration_id uuid not null,
	questionnaire_version_id uuid not null,
	item_key text not null,
	-- a chosen level, or not applicable (with a reason), or don't know
	kind text not null check (kind in ('level', 'not_applicable', 'dont_know')),
	level smallint check (level between 1 and 5),
	na_reason text check (length(na_reason) <= 2000),
	comment text check (length(comment) <= 4000),
	evidence_url text check (length(evidence_url) <= 2000 and evidence_url ~ '^https?://'),
	-- counts changes, so a page can tell that another tab changed the answer meanwhile
	revision integer not null default 1,
	updated_at timestamptz not null default now(),
	check ((kind = 'level') = (level is not null)),
	check ((kind = 'not_applicable') = (na_reason is not null and length(btrim(na_reason)) > 0)),
	primary key (response_id, item_key),
	foreign key (response_id, collaboration_id) references response (id, collaboration_id) on delete cascade,
	foreign key (questionnaire_version_id, item_key) references questionnaire_item (questionnaire_version_id, key)
);
create index answer_collaboration_idx on answer (collaboration_id);

-- Ambition per dimension: the collaboration's minimum (municipality_id null) or a
-- municipality's own target.
create table target (
	id uuid primary key default gen_random_uuid(),
	collaboration_id uuid not null references collaboration on delete cascade,
	municipality_id uuid references municipality,
	dimension text not null check (dimension ~ '^[a-z][a-z0-9-]{0,39}$'),
	level smallint not null check (level between 1 and 5),
	set_by uuid references app_user on delete set null,
	set_at timestamptz not null default now(),
	unique nulls not distinct (collaboration_id, municipality_id, dimension)
);

create table audit_event (
	id bigint generated always as identity primary key,
	collaboration_id uuid references collaboration on delete cascade,
	actor_id uuid references app_user on delete set null,
	action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)*$'),
	subject_type text,
	subject_id text,
	detail jsonb not null default '{}',
	ip inet,
	at timestamptz not null default now()
);
create index audit_event_collaboration_idx on audit_event (collaboration_id, at desc);
create index audit_event_actor_idx on audit_event (actor_id, at desc);
