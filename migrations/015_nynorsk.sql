-- Nynorsk (issue 19): an interface language of its own, for the municipalities whose
-- official written form it is. A sector's nynorsk name is optional: where a collaboration
-- has not given one, nynorsk readers see the bokmål name (collaborations/sectors.ts).

alter table app_user drop constraint app_user_locale_check;
alter table app_user add constraint app_user_locale_check check (locale in ('nb', 'nn', 'sv', 'en'));

alter table sector add column name_nn text check (length(btrim(name_nn)) between 1 and 100);

-- The default catalogue's sectors (collaborations.ts) get their nynorsk names.
update sector set name_nn = case key
		when 'helse-omsorg' then 'Helse og omsorg'
		when 'oppvekst' then 'Oppvekst'
		when 'teknisk' then 'Teknisk og samfunn'
		when 'okonomi-administrasjon' then 'Økonomi og administrasjon'
		when 'kultur' then 'Kultur'
		when 'sentral-ledelse' then 'Sentral leiing'
	end
	where name_nb = case key
		when 'helse-omsorg' then 'Helse og omsorg'
		when 'oppvekst' then 'Oppvekst'
		when 'teknisk' then 'Teknisk og samfunn'
		when 'okonomi-administrasjon' then 'Økonomi og administrasjon'
		when 'kultur' then 'Kultur'
		when 'sentral-ledelse' then 'Sentral ledelse'
	end;
