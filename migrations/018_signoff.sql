-- Sign-off (issue 24): a municipality's coordinator approves a sector's submitted
-- assessment, or returns it to its respondents with a note. The note is shown to the
-- respondents; every decision is also in the audit trail.
alter table assessment
	add column signoff text check (signoff in ('approved', 'returned')),
	add column signoff_note text check (length(signoff_note) <= 2000),
	add column signoff_by uuid references app_user on delete set null,
	add column signoff_at timestamptz,
	add constraint assessment_signoff_complete check ((signoff is null) = (signoff_at is null));

-- An approval covers the answers it saw: once a response is reopened or a new one is
-- started, the assessment leaves 'submitted' and its approval lapses, whoever changed it.
create function assessment_approval_lapses() returns trigger language plpgsql as $$
begin
	if new.signoff = 'approved' and new.status <> 'submitted' then
		new.signoff := null;
		new.signoff_note := null;
		new.signoff_by := null;
		new.signoff_at := null;
	end if;
	return new;
end $$;
create trigger assessment_approval_lapses before update of status on assessment
	for each row execute function assessment_approval_lapses();

-- The collaboration's choice: results count only approved assessments (default: every submitted one).
alter table collaboration add column results_only_approved boolean not null default false;

-- The respondent's banner reads why their response was reopened from the audit trail.
create index audit_event_subject_idx on audit_event (subject_type, subject_id, at desc);
