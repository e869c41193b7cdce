-- Scheduled work (issue 23). The job queue itself is pg-boss's: it creates and upgrades
-- its own schema (pgboss) when the job runner starts. These are Moden's tables around it.

-- Days before a round's closing day on which everyone assigned who has not submitted gets
-- a reminder by e-mail, automatically; empty: no automatic reminders.
alter table round add column reminder_days integer[] not null default '{7,2}'
	check (cardinality(reminder_days) <= 5 and 0 <= all (reminder_days) and 365 >= all (reminder_days));

-- Reminders sent for a round: by a coordinator or admin (days_before null), or
-- automatically that many days before the closing day. The round page lists them.
create table reminder (
	id uuid primary key default gen_random_uuid(),
	round_id uuid not null,
	collaboration_id uuid not null,
	days_before integer check (days_before between 0 and 365),
	sent_by uuid references app_user on delete set null,
	sent_at timestamptz not null default now(),
	foreign key (round_id, collaboration_id) references round (id, collaboration_id) on delete cascade
);
create index reminder_round_idx on reminder (round_id, sent_at desc);

-- Who a reminder went to, one row per person and assessment (a mail names one assessment).
-- An automatic reminder goes to a person about an assessment once per offset, however
-- many times or on however many instances the job runs (the unique index).
create table reminder_recipient (
	reminder_id uuid not null references reminder on delete cascade,
	assessment_id uuid not null references assessment on delete cascade,
	municipality_id uuid not null references municipality,
	-- null once the person's data was deleted: the count stays
	user_id uuid references app_user on delete set null,
	days_before integer,
	-- false: no mail server was set up, the person was listed for the coordinator instead
	mailed boolean not null
);
create index reminder_recipient_reminder_idx on reminder_recipient (reminder_id);
create unique index reminder_recipient_once on reminder_recipient (assessment_id, days_before, user_id)
	where days_before is not null;

-- Mail waiting for the SMTP server. The queue's job carries only the id, so the text (which
-- may hold a one-time link) is not copied into the job tables, and the row is deleted once
-- the server has taken the message or the job runner has given up on it.
create table mail_outbox (
	id uuid primary key default gen_random_uuid(),
	recipient text not null check (length(recipient) <= 254),
	subject text not null,
	body text not null,
	created_at timestamptz not null default now()
);
