-- The usual autosave (issue 23) changes one answer's choice, comment or link and never
-- where the answer belongs. The check that an answer belongs to its round's questionnaire
-- version (three joined tables) then proves nothing new, and the item's scale is needed
-- only when the choice changes: both now run when they can find something. About a tenth
-- of PostgreSQL's CPU per save (bench/profile-save.ts). The rules are those of migration
-- 014, unchanged.
create or replace function answer_fits_its_round() returns trigger language plpgsql as $$
declare
	item record;
begin
	if tg_op = 'INSERT'
		or (new.response_id, new.questionnaire_version_id, new.item_key) is distinct from (old.response_id, old.questionnaire_version_id, old.item_key)
	then
		if not exists (
			select 1 from response r
			join assessment a on a.id = r.assessment_id
			join round ro on ro.id = a.round_id
			where r.id = new.response_id and ro.questionnaire_version_id = new.questionnaire_version_id
		) then
			raise exception 'item % is not part of this round''s questionnaire version', new.item_key
				using errcode = 'check_violation';
		end if;
	elsif (new.kind, new.level, new.ticked, new.amount, new.value) is not distinct from (old.kind, old.level, old.ticked, old.amount, old.value) then
		return new; -- same item, same choice: its score stands
	end if;
	select allow_na, scale into item from questionnaire_item
		where questionnaire_version_id = new.questionnaire_version_id and key = new.item_key;
	if not found then
		return new; -- the foreign key refuses an unknown item
	end if;
	if new.kind = 'not_applicable' and not item.allow_na then
		raise exception 'item % cannot be answered "not applicable"', new.item_key
			using errcode = 'check_violation';
	end if;
	new.value := answer_value(item.scale, new.kind, new.level, new.ticked, new.amount, new.item_key);
	return new;
end $$;
