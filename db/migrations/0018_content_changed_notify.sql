-- Every write that changes what a signed-out visitor can see either queues
-- search indexing (an insert into search_outbox) or is audited (an insert into
-- audit_events), in its own transaction. A notification sent from those
-- inserts reaches every app process when, and only if, the write commits, and
-- each process then empties its cache of rendered visitor pages. The indexing
-- worker deleting applied rows notifies again, since list pages read the
-- search engine, which has only then caught up. Emptying the outbox (as the
-- test harness does) notifies too.
CREATE FUNCTION notify_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('content_changed', '');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER search_outbox_content_changed AFTER INSERT OR DELETE OR TRUNCATE ON search_outbox
  FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed();
--> statement-breakpoint
CREATE TRIGGER audit_events_content_changed AFTER INSERT OR TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION notify_content_changed();
