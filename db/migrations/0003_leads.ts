import { sql, type Kysely } from 'kysely';

// Dedupe: a normalised name key (no accents, case, punctuation or legal form) computed by the
// database itself, so stored rows and candidates are folded by the very same function.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function company_name_key(t text) returns text language sql immutable parallel safe as $$
      select btrim(regexp_replace(regexp_replace(regexp_replace(
        lower(translate(coalesce(t, ''),
          'ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖòóôõöÙÚÛÜùúûüÝýÿŒœÆæ’''',
          'AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOoooooUUUUuuuuYyyOoAa  ')),
        '[^a-z0-9]+', ' ', 'g'),
        '(^| )(sarl|sas|sasu|eurl|sa|sci|snc|selarl|selas|scp|ei|eirl|et|de|des|du|la|le|les|l|d|societe|ste|entreprise|ets|etablissements)(?= |$)', ' ', 'g'),
        ' +', ' ', 'g'))
    $$;
    -- blocking tokens, one per word of the key and per 4-letter prefix ("garageperrin" still
    -- meets "garage perrin"), each prefixed by the postcode: a candidate is compared only with
    -- the companies of its postcode sharing one of them, found through a small GIN posting list
    create function company_name_tokens(postcode text, k text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct postcode || ' ' || t), '{}')
      from unnest(string_to_array(k, ' ')) as w, lateral (values (w), ('^' || left(w, 4))) v(t)
      where w <> '' and postcode is not null
    $$;
    alter table companies add column name_key text generated always as (company_name_key(name)) stored;
    alter table companies add column name_tokens text[] generated always as (company_name_tokens(postcode, company_name_key(name))) stored;
    create index companies_ws_name_key on companies (workspace_id, name_key, postcode);
    create index companies_name_tokens on companies using gin (name_tokens) with (fastupdate = off);
    create index companies_ws_postcode on companies (workspace_id, postcode);
    create index people_ws_optout on people (workspace_id) where opted_out_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index people_ws_optout; drop index companies_ws_postcode;
    alter table companies drop column name_tokens; alter table companies drop column name_key;
    drop function company_name_tokens(text, text); drop function company_name_key(text);
  `.execute(db);
}
