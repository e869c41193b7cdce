-- Invitations that cannot take over accounts, throttling that slows guessers and not
-- owners, and a platform operator kept out of the collaborations (docs/SECURITY.md).

-- The collaboration whose invitation created the account (null: the command line, the
-- demo or a restore). Without SMTP only that collaboration is shown a link for it, and
-- only while no one else has given the account a role.
alter table app_user add column invited_by_collaboration uuid references collaboration on delete set null;

-- When the person last signed in or set a password: a role given since is not seen yet.
alter table app_user add column last_signed_in_at timestamptz;
update app_user u set last_signed_in_at = (
	select max(e.at) from audit_event e
	where e.actor_id = u.id and e.action in ('sign_in.succeeded', 'invitation.accepted', 'password_reset.completed'));

-- An invitation link belongs to the grant that created it: revoking the grant withdraws
-- the link. How the link reached its person: mailed to the address, written to the server
-- log, or shown to whoever created it (no SMTP; the command line). Older links count as shown.
alter table user_token add column grant_id uuid references role_grant on delete cascade;
alter table user_token add column delivery text not null default 'shown' check (delivery in ('mail', 'log', 'shown'));
alter table user_token alter column delivery drop default;
create index user_token_grant_idx on user_token (grant_id);

-- Delays that grow: the next attempt under a key is allowed from next_at on.
alter table throttle add column next_at timestamptz;

-- A platform administrator holds no role in a collaboration, and no one with a role in a
-- collaboration becomes one: the operator sets collaborations up and reads none of them.
-- The person's row is locked so that two grants given at once cannot both slip through.
create function role_grant_keeps_platform_apart() returns trigger language plpgsql as $$
begin
	perform 1 from app_user where id = new.user_id for no key update;
	if exists (
		select 1 from role_grant g
		where g.user_id = new.user_id and g.id <> new.id and (g.role = 'platform_admin') <> (new.role = 'platform_admin')
	) then
		raise exception 'a platform administrator cannot hold a role in a collaboration'
			using errcode = 'check_violation', constraint = 'role_grant_platform_apart';
	end if;
	return new;
end $$;

create trigger role_grant_platform_apart before insert or update of user_id, role on role_grant
	for each row execute function role_grant_keeps_platform_apart();
