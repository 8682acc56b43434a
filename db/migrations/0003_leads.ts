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
    alter table companies add column name_key text generated always as (company_name_key(name)) stored;
    create index companies_ws_name_key on companies (workspace_id, name_key, postcode);
    create index companies_name_key_trgm on companies using gin (name_key gin_trgm_ops);
    create index companies_ws_postcode on companies (workspace_id, postcode);
    create index people_ws_optout on people (workspace_id) where opted_out_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index people_ws_optout; drop index companies_ws_postcode;
    alter table companies drop column name_key; drop function company_name_key(text);
  `.execute(db);
}
