CREATE TYPE "public"."ballot_source" AS ENUM('secretary', 'electronic', 'online', 'paper');--> statement-breakpoint
CREATE TYPE "public"."motion_kind" AS ENUM('resolution', 'decision', 'personnel', 'election', 'removal', 'procedural');--> statement-breakpoint
CREATE TYPE "public"."motion_status" AS ENUM('pending', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."vote_choice" AS ENUM('for', 'against', 'abstain');--> statement-breakpoint
CREATE TYPE "public"."vote_method" AS ENUM('named', 'totals', 'secret', 'electronic', 'electronic_secret', 'written');--> statement-breakpoint
CREATE TABLE "ballot_receipts" (
	"motion_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	CONSTRAINT "ballot_receipts_motion_id_person_id_pk" PRIMARY KEY("motion_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"motion_id" integer NOT NULL,
	"person_id" integer,
	"name" text NOT NULL,
	"nominated_by" text NOT NULL,
	"position" integer NOT NULL,
	"agree" integer,
	"elected" boolean
);
--> statement-breakpoint
CREATE TABLE "motions" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"meeting_id" integer,
	"agenda_item_id" integer,
	"title" text NOT NULL,
	"kind" "motion_kind" NOT NULL,
	"method" "vote_method" NOT NULL,
	"status" "motion_status" DEFAULT 'pending' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"supersedes_id" integer,
	"elect_seats" integer,
	"council_seats" integer,
	"party_base" text,
	"party_total" integer,
	"deadline" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"rule" text,
	"article" text,
	"total" integer,
	"in_office" integer,
	"present" integer,
	"votes_for" integer,
	"against" integer,
	"abstain" integer,
	"invalid" integer,
	"not_voting" integer,
	"required" integer,
	"base" text,
	"base_count" integer,
	"passed" boolean,
	"decided_by_chairman" boolean,
	"chairman_side" text,
	"wording" text,
	"present_person_ids" jsonb,
	"counting_board" jsonb,
	"ballots_issued" integer,
	"ballots_collected" integer
);
--> statement-breakpoint
CREATE TABLE "named_ballots" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"motion_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"choice" "vote_choice" NOT NULL,
	"source" "ballot_source" NOT NULL,
	"recorded_by" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secret_ballots" (
	"id" text PRIMARY KEY NOT NULL,
	"motion_id" integer NOT NULL,
	"choice" "vote_choice",
	"marks" jsonb
);
--> statement-breakpoint
ALTER TABLE "ballot_receipts" ADD CONSTRAINT "ballot_receipts_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_receipts" ADD CONSTRAINT "ballot_receipts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "candidates" ADD CONSTRAINT "candidates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "motions" ADD CONSTRAINT "motions_closed_by_accounts_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_ballots" ADD CONSTRAINT "named_ballots_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_ballots" ADD CONSTRAINT "named_ballots_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "named_ballots" ADD CONSTRAINT "named_ballots_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secret_ballots" ADD CONSTRAINT "secret_ballots_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "candidates_motion_idx" ON "candidates" USING btree ("motion_id","position");--> statement-breakpoint
CREATE INDEX "motions_meeting_idx" ON "motions" USING btree ("meeting_id","id");--> statement-breakpoint
CREATE INDEX "motions_body_idx" ON "motions" USING btree ("body_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "motions_supersedes_uq" ON "motions" USING btree ("supersedes_id");--> statement-breakpoint
CREATE UNIQUE INDEX "named_ballots_uq" ON "named_ballots" USING btree ("motion_id","person_id");--> statement-breakpoint
CREATE INDEX "secret_ballots_motion_idx" ON "secret_ballots" USING btree ("motion_id");--> statement-breakpoint
-- A closed vote never changes: the database itself refuses to alter a closed motion, and ballots are never
-- edited or deleted, nor added to a closed motion (DOMAIN.md §3: a re-vote is a new round).
CREATE OR REPLACE FUNCTION motions_refuse_change_when_closed() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'closed' THEN
    RAISE EXCEPTION 'motion % is closed; its result is final (% refused)', OLD.id, TG_OP;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER motions_closed_final BEFORE UPDATE OR DELETE ON motions
  FOR EACH ROW EXECUTE FUNCTION motions_refuse_change_when_closed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION ballots_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
  END IF;
  IF EXISTS (SELECT 1 FROM motions WHERE id = NEW.motion_id AND status = 'closed') THEN
    RAISE EXCEPTION 'motion % is closed; no ballot can be added', NEW.motion_id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER named_ballots_final BEFORE INSERT OR UPDATE OR DELETE ON named_ballots
  FOR EACH ROW EXECUTE FUNCTION ballots_refuse_change();
--> statement-breakpoint
CREATE TRIGGER ballot_receipts_final BEFORE INSERT OR UPDATE OR DELETE ON ballot_receipts
  FOR EACH ROW EXECUTE FUNCTION ballots_refuse_change();
--> statement-breakpoint
CREATE TRIGGER secret_ballots_final BEFORE INSERT OR UPDATE OR DELETE ON secret_ballots
  FOR EACH ROW EXECUTE FUNCTION ballots_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION candidates_refuse_change_when_closed() RETURNS trigger AS $$
DECLARE mid integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.motion_id ELSE NEW.motion_id END;
BEGIN
  IF EXISTS (SELECT 1 FROM motions WHERE id = mid AND status = 'closed') THEN
    RAISE EXCEPTION 'motion % is closed; its candidates are final (% refused)', mid, TG_OP;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER candidates_closed_final BEFORE INSERT OR UPDATE OR DELETE ON candidates
  FOR EACH ROW EXECUTE FUNCTION candidates_refuse_change_when_closed();
