-- Honest results (issue 18): how far an assessment's respondents are apart, per
-- dimension, for the interval around its score (docs/scoring.md, "How sure a score is").
-- respondents_scored: submitted respondents with an own score in the dimension;
-- respondent_sd: the sample standard deviation of those own scores (null below two).
alter table assessment_score add column respondents_scored integer not null default 0;
alter table assessment_score add column respondent_sd numeric;
alter table round_snapshot_score add column respondents_scored integer not null default 0;
alter table round_snapshot_score add column respondent_sd numeric;
