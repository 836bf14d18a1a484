CREATE OR REPLACE FUNCTION public.evaluation_case_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
      BEGIN
        PERFORM evaluation_refresh_case(NEW.appeal_id);
        RETURN NULL;
      END $function$;
