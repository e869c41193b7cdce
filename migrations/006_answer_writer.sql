-- The page (one browser tab's answering session) that wrote an answer's current revision.
-- A page whose acknowledgement was lost (the server restarted between commit and reply)
-- sends its next change with the revision it last knew; when the stored revision is its
-- own write, nobody else changed the answer since, so it is not a conflict. Random per
-- page load, never shown, not personal data.
alter table answer add column written_by uuid;
