CREATE OR REPLACE FUNCTION public.applicant_key(email text, owner_user_id uuid, full_name text, organisation_name text, address text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$
    SELECT CASE 
          WHEN owner_user_id IS NOT NULL THEN 'u:' || owner_user_id::text
          WHEN nullif(trim(email), '') IS NOT NULL THEN 'e:' || lower(trim(email))
      WHEN coalesce(nullif(trim(full_name), ''), nullif(trim(organisation_name), '')) IS NOT NULL
        THEN 'n:' || lower(regexp_replace(coalesce(nullif(trim(organisation_name), ''), full_name) || '|' || coalesce(address, ''), '\s+', ' ', 'g'))
    END
  $function$;
