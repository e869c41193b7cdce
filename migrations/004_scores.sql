-- Scores (issue 7). Answers stay the truth; these tables are caches the dashboards read,
-- rewritten from the answers whenever a response is submitted or reopened.

-- Per assessment and dimension: the pooled, weighted score of its submitted responses
-- (BRIEF §5), or null when less than the version's coverage of the weight is answered.
create table assessment_score (
	assessment_id uuid not null,
	collaboration_id uuid not null,
	dimension text not null,
	score numeric check (score between 0 and 100),
	-- share of the dimension's weight with an answer (0..1)
	coverage numeric not null check (coverage between 0 and 1),
	answered_items integer not null,
	total_items integer not null,
	-- "don't know" answers and all answers given in the dimension, for the don't-know rate
	dont_know integer not null,
	answers integer not null,
	respondents integer not null,
	primary key (assessment_id, dimension),
	foreign key (assessment_id, collaboration_id) references assessment (id, collaboration_id) on delete cascade
);
create index assessment_score_collaboration_idx on assessment_score (collaboration_id);

-- Peer groups across the whole platform, per year and dimension: municipalities of a
-- size class, of a country, or all; assessments of a sector. Kept as distributions
-- only (no member is named), refreshed for the year whose scores changed, so a
-- dashboard reads a handful of rows however large the platform is.
create table peer_benchmark (
	year integer not null,
	-- 'size' (group: size class), 'sector' (group: sector key), 'country' (group: NO/SE), 'platform' (group: '')
	kind text not null check (kind in ('size', 'sector', 'country', 'platform')),
	country text not null check (country in ('NO', 'SE', '*')),
	grp text not null,
	dimension text not null,
	organisations integer not null,
	mean numeric,
	q1 numeric,
	median numeric,
	q3 numeric,
	primary key (year, kind, country, grp, dimension)
);
