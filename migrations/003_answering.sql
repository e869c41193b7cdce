-- Answering (issue 6): what the database itself guarantees about answers, so no code
-- path, import or hand-edit can store an answer that the scoring would misread.

-- A comment or evidence link may be written before a level is chosen: the row then has
-- no kind yet, and does not count as answered.
alter table answer alter column kind drop not null;
alter table answer drop constraint answer_kind_check;
alter table answer add constraint answer_kind_check check (kind is null or kind in ('level', 'not_applicable', 'dont_know'));
alter table answer drop constraint answer_check;
alter table answer add constraint answer_check check ((kind is not distinct from 'level') = (level is not null));
alter table answer drop constraint answer_check1;
alter table answer add constraint answer_check1
	check ((kind is not distinct from 'not_applicable') = (na_reason is not null and length(btrim(na_reason)) > 0));

-- An answer belongs to an item of its own round's questionnaire version, and is "not
-- applicable" only where that item allows it.
create function answer_fits_its_round() returns trigger language plpgsql as $$
begin
	if not exists (
		select 1 from response r
		join assessment a on a.id = r.assessment_id
		join round ro on ro.id = a.round_id
		where r.id = new.response_id and ro.questionnaire_version_id = new.questionnaire_version_id
	) then
		raise exception 'item % is not part of this round''s questionnaire version', new.item_key
			using errcode = 'check_violation';
	end if;
	if new.kind = 'not_applicable' and not (
		select allow_na from questionnaire_item
		where questionnaire_version_id = new.questionnaire_version_id and key = new.item_key
	) then
		raise exception 'item % cannot be answered "not applicable"', new.item_key
			using errcode = 'check_violation';
	end if;
	return new;
end $$;

create trigger answer_fits_its_round before insert or update on answer
	for each row execute function answer_fits_its_round();

create index response_assessment_idx on response (assessment_id);
