CREATE OR REPLACE FUNCTION public.evaluation_refresh_case(case_id uuid)
 RETURNS void
 LANGUAGE plpgsql
AS $function$
      DECLARE
        old_facts evaluation_case_facts[];
        new_facts evaluation_case_facts[];
      BEGIN
        -- One refresh of a case at a time (a feedback and a reopen may commit together); case
        -- transitions hold this lock already.
        PERFORM 1 FROM appeal_state WHERE appeal_id = case_id FOR UPDATE;
        SELECT array_agg(f) INTO old_facts FROM evaluation_case_facts f WHERE f.appeal_id = case_id;
        SELECT array_agg(f) INTO new_facts FROM evaluation_case_fact(case_id) f;
        IF old_facts IS NOT DISTINCT FROM new_facts THEN
          RETURN;
        END IF;
        IF old_facts IS NOT NULL THEN
          DELETE FROM evaluation_case_facts WHERE appeal_id = case_id;
          PERFORM evaluation_apply_counts(old_facts, -1);
        END IF;
        IF new_facts IS NOT NULL THEN
          INSERT INTO evaluation_case_facts SELECT * FROM unnest(new_facts);
          PERFORM evaluation_apply_counts(new_facts, 1);
        END IF;
      END $function$;
