-- Disclosure control (issue 17): results are read from snapshots, benchmarks are
-- publications with a disclosure decision per viewer, and a team of respondents is
-- confidential unless the coordinator opens it.

-- Open: those who answer the assessment together see each other's answers. Confidential
-- (the default): they see pooled results only from 3 respondents on (docs/privacy.md).
alter table assessment add column team text not null default 'confidential' check (team in ('confidential', 'open'));

-- When a submit or a reopening last changed the round's scores: a new snapshot is taken
-- only after that (and at most once a day while the round is open).
alter table round add column scores_changed_at timestamptz;

-- A round's results frozen at one moment: taken once the round has closed (final), and
-- while it is open at most once a day (provisional). Results pages show the latest.
create table round_snapshot (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null,
	collaboration_id uuid not null,
	taken_at timestamptz not null default now(),
	final boolean not null,
	-- the round's scores_changed_at it was taken at: a later change makes the next one due
	seen_changed_at timestamptz,
	foreign key (round_id, collaboration_id) references round (id, collaboration_id) on delete cascade
);
create index round_snapshot_round_idx on round_snapshot (round_id, taken_at desc);

create table round_snapshot_assessment (
	snapshot_id uuid not null references round_snapshot on delete cascade,
	assessment_id uuid not null,
	municipality_id uuid not null,
	sector_id uuid not null,
	status text not null,
	-- submitted responses pooled in its scores
	respondents integer not null,
	primary key (snapshot_id, assessment_id)
);

create table round_snapshot_score (
	snapshot_id uuid not null,
	assessment_id uuid not null,
	dimension text not null,
	score numeric check (score between 0 and 100),
	coverage numeric not null,
	answered_items integer not null,
	total_items integer not null,
	dont_know integer not null,
	answers integer not null,
	primary key (snapshot_id, assessment_id, dimension),
	foreign key (snapshot_id, assessment_id) references round_snapshot_assessment on delete cascade
);

-- Peer benchmarks of one population (a year's rounds under one questionnaire version, on
-- the whole platform), published from the rounds' snapshots: whenever one of its rounds
-- has closed since the last publication, else at most once a day while one is open.
create table peer_publication (
	id uuid primary key default gen_random_uuid(),
	year integer not null,
	questionnaire_version_id uuid not null references questionnaire_version,
	published_at timestamptz not null default now(),
	rounds integer not null,
	closed_rounds integer not null,
	-- the round snapshots it was made from
	snapshot_ids uuid[] not null
);
create index peer_publication_population_idx on peer_publication (year, questionnaire_version_id, published_at desc);

-- The organisations behind it per dimension: a municipality (sector_key ''), counted once
-- however many collaborations it belongs to, or one sector of a municipality.
create table peer_unit (
	publication_id uuid not null references peer_publication on delete cascade,
	municipality_id uuid not null,
	sector_key text not null,
	dimension text not null,
	country text not null,
	size_class text,
	score numeric not null check (score between 0 and 100),
	primary key (publication_id, municipality_id, sector_key, dimension)
);

-- Its groups: municipalities by size class and by country, sectors by key within a country.
create table peer_statistic (
	publication_id uuid not null references peer_publication on delete cascade,
	kind text not null check (kind in ('size', 'country', 'sector')),
	country text not null,
	grp text not null,
	dimension text not null,
	organisations integer not null,
	mean numeric not null,
	q1 numeric not null,
	median numeric not null,
	q3 numeric not null,
	primary key (publication_id, kind, country, grp, dimension)
);

-- What the people of a set of collaborations (`viewer`: their ids, sorted, comma-separated)
-- may see of a publication: decided the first time it is shown to them, kept, and part of
-- every later decision for them, so that no two publications combine into a disclosure.
create table peer_disclosure (
	publication_id uuid not null references peer_publication on delete cascade,
	viewer text not null,
	-- statistic key → reason it is hidden
	hidden jsonb not null,
	unprotectable jsonb not null default '[]',
	decided_at timestamptz not null default now(),
	primary key (publication_id, viewer)
);

-- Replaced by publications: recomputed on every submit, it let a before/after comparison
-- isolate one assessment.
drop table peer_benchmark;
