-- Linking caches an event's members between transactions and must know when they changed, even
-- when another writer changed them. The store bumps members_version on every change of an event's
-- membership (a join or a regrouping); a regrouping can keep an id and its size, so the size could
-- not tell. An alias keeps the retired row's last version, so an id given back continues past it
-- and never repeats a version a cache may still hold.
ALTER TABLE events ADD COLUMN members_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_aliases ADD COLUMN members_version INTEGER NOT NULL DEFAULT 0;
