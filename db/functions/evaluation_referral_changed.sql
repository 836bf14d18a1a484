CREATE OR REPLACE FUNCTION public.evaluation_referral_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
  BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.kind IN ('referral', 'copy') THEN
      PERFORM evaluation_add_referral(OLD.from_agency_id, OLD.referred_on, OLD.on_time, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.kind IN ('referral', 'copy') THEN
      PERFORM evaluation_add_referral(NEW.from_agency_id, NEW.referred_on, NEW.on_time, 1);
    END IF;
    RETURN NULL;
  END $function$;
