-- Item types (issue 19): an item is a scale of 3–7 points, yes/partly/no, a checklist or
-- an amount (a percent, a count) mapped to score bands. The database keeps, per item, the
-- scale the scoring module derives from the questionnaire file (scoring/items.ts, written
-- at publishing), and checks every answer against it, so no code path, import or
-- hand-edit can store an answer that its item cannot have.

-- {"type":"points","values":[…]} | {"type":"checklist","options":[{"key","weight","exclusive"}]}
-- | {"type":"amount","max":100|null,"integer":bool,"bands":[{"from","score"}]}
alter table questionnaire_item add column scale jsonb;
update questionnaire_item i set scale = jsonb_build_object('type', 'points', 'values', v.definition -> 'scoring' -> 'values')
	from questionnaire_version v where v.id = i.questionnaire_version_id;
alter table questionnaire_item alter column scale set not null;
alter table questionnaire_item add constraint questionnaire_item_scale_check check (scale ->> 'type' in ('points', 'checklist', 'amount'));

-- An answer is a point (level), options ticked, or an amount; its score (0..100, from the
-- item's scale) is kept beside it for the score caches in SQL, derived by the trigger
-- below, never written by hand.
alter table answer add column ticked text[];
alter table answer add column amount numeric;
alter table answer add column value numeric;

alter table answer drop constraint answer_level_check;
alter table answer add constraint answer_level_check check (level >= 1);
alter table answer drop constraint answer_kind_check;
alter table answer add constraint answer_kind_check check (kind is null or kind in ('level', 'ticked', 'amount', 'not_applicable', 'dont_know'));
alter table answer add constraint answer_ticked_check
	check ((kind is not distinct from 'ticked') = (ticked is not null) and (ticked is null or cardinality(ticked) between 1 and 100));
alter table answer add constraint answer_amount_check check ((kind is not distinct from 'amount') = (amount is not null) and (amount is null or amount >= 0));

-- The score of an answer to an item with this scale; raises when the answer does not fit.
create function answer_value(scale jsonb, kind text, level smallint, ticked text[], amount numeric, item_key text) returns numeric
language plpgsql immutable as $$
declare
	result numeric;
	total numeric;
begin
	if kind is null or kind in ('not_applicable', 'dont_know') then
		return null;
	end if;
	case scale ->> 'type'
	when 'points' then
		if kind <> 'level' or level > jsonb_array_length(scale -> 'values') then
			raise exception 'item % has no point %', item_key, coalesce(level::text, kind) using errcode = 'check_violation';
		end if;
		return (scale -> 'values' ->> (level - 1))::numeric;
	when 'checklist' then
		if kind <> 'ticked'
			or cardinality(ticked) <> (select count(distinct t) from unnest(ticked) t)
			or exists (select 1 from unnest(ticked) t where not exists (select 1 from jsonb_array_elements(scale -> 'options') o where o ->> 'key' = t))
			or (cardinality(ticked) > 1 and exists (
				select 1 from jsonb_array_elements(scale -> 'options') o where (o ->> 'exclusive')::boolean and o ->> 'key' = any (ticked)))
		then
			raise exception 'item % cannot be ticked like this', item_key using errcode = 'check_violation';
		end if;
		select sum((o ->> 'weight')::numeric) filter (where o ->> 'key' = any (ticked)), sum((o ->> 'weight')::numeric)
			into result, total from jsonb_array_elements(scale -> 'options') o;
		return case when total > 0 then least(100, 100 * coalesce(result, 0) / total) else 0 end;
	when 'amount' then
		if kind <> 'amount'
			or (scale ->> 'max' is not null and amount > (scale ->> 'max')::numeric)
			or ((scale ->> 'integer')::boolean and amount <> trunc(amount))
		then
			raise exception 'item % cannot have the amount %', item_key, coalesce(amount::text, kind) using errcode = 'check_violation';
		end if;
		select coalesce((array_agg((b ->> 'score')::numeric order by (b ->> 'from')::numeric desc))[1], 0) into result
			from jsonb_array_elements(scale -> 'bands') b where (b ->> 'from')::numeric <= amount;
		return coalesce(result, 0);
	end case;
end $$;

create or replace function answer_fits_its_round() returns trigger language plpgsql as $$
declare
	item record;
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

alter table answer disable trigger answer_fits_its_round;
update answer x set value = (i.scale -> 'values' ->> (x.level - 1))::numeric
	from questionnaire_item i
	where x.kind = 'level' and i.questionnaire_version_id = x.questionnaire_version_id and i.key = x.item_key;
alter table answer enable trigger answer_fits_its_round;

alter table answer add constraint answer_value_check
	check ((value is not null) = (kind is not distinct from 'level' or kind is not distinct from 'ticked' or kind is not distinct from 'amount') and value between 0 and 100);

-- Whether the answer fits the item's scale, without raising: lets the usual save update an
-- answer before the application's own checks ran, and leave a misfit to them (answering.ts).
create function answer_fits(scale jsonb, kind text, level smallint, ticked text[], amount numeric) returns boolean
language plpgsql immutable as $$
begin
	perform answer_value(scale, kind, level, ticked, amount, '');
	return true;
exception when check_violation then
	return false;
end $$;
