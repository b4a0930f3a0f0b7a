CREATE TYPE "public"."agenda_kind" AS ENUM('report', 'proposal', 'draft_resolution', 'election', 'personnel', 'other');--> statement-breakpoint
CREATE TYPE "public"."attendance_status" AS ENUM('present', 'late', 'left', 'absent_excused', 'absent_unexcused');--> statement-breakpoint
CREATE TYPE "public"."meeting_kind" AS ENUM('first', 'regular', 'thematic', 'extraordinary');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('draft', 'convened', 'in_session', 'closed');--> statement-breakpoint
CREATE TYPE "public"."quorum_base" AS ENUM('total', 'in_office');--> statement-breakpoint
CREATE TYPE "public"."quorum_comparison" AS ENUM('at_least', 'more_than');--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"kind" "agenda_kind" NOT NULL,
	"presenter" text,
	"duration_minutes" integer
);
--> statement-breakpoint
CREATE TABLE "attachment_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"attachment_id" integer NOT NULL,
	"version" integer NOT NULL,
	"original_name" text NOT NULL,
	"stored_name" text NOT NULL,
	"file_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"agenda_item_id" integer NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attendance_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"status" "attendance_status" NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"reason" text,
	"self_check_in" boolean DEFAULT false NOT NULL,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"previous_id" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "body_rules" (
	"id" serial PRIMARY KEY NOT NULL,
	"body_id" integer NOT NULL,
	"effective_from" date NOT NULL,
	"quorum_numerator" integer NOT NULL,
	"quorum_denominator" integer NOT NULL,
	"quorum_comparison" "quorum_comparison" NOT NULL,
	"quorum_base" "quorum_base" NOT NULL,
	"basis" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_guests" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"term_id" integer NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"subject" text,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"days" integer DEFAULT 1 NOT NULL,
	"place" text NOT NULL,
	"chair_person_id" integer NOT NULL,
	"secretary_person_id" integer,
	"closed_session" boolean DEFAULT false NOT NULL,
	"status" "meeting_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"convened_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_versions" ADD CONSTRAINT "attachment_versions_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_versions" ADD CONSTRAINT "attachment_versions_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_events" ADD CONSTRAINT "attendance_events_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_rules" ADD CONSTRAINT "body_rules_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_rules" ADD CONSTRAINT "body_rules_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_guests" ADD CONSTRAINT "meeting_guests_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_term_id_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."terms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_chair_person_id_people_id_fk" FOREIGN KEY ("chair_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_secretary_person_id_people_id_fk" FOREIGN KEY ("secretary_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_meeting_idx" ON "agenda_items" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "attachment_versions_uq" ON "attachment_versions" USING btree ("attachment_id","version");--> statement-breakpoint
CREATE INDEX "attachments_item_idx" ON "attachments" USING btree ("agenda_item_id");--> statement-breakpoint
CREATE INDEX "attachments_meeting_idx" ON "attachments" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "attendance_meeting_idx" ON "attendance_events" USING btree ("meeting_id","person_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "attendance_follow_uq" ON "attendance_events" USING btree ("meeting_id","person_id","previous_id");--> statement-breakpoint
CREATE INDEX "body_rules_body_idx" ON "body_rules" USING btree ("body_id","effective_from");--> statement-breakpoint
CREATE INDEX "meeting_guests_meeting_idx" ON "meeting_guests" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meetings_commune_date_idx" ON "meetings" USING btree ("commune_id","date");--> statement-breakpoint
CREATE INDEX "meetings_body_term_idx" ON "meetings" USING btree ("body_id","term_id","date");--> statement-breakpoint
-- Attendance is append-only like the audit log: a correction is a new event, never an edit.
CREATE OR REPLACE FUNCTION attendance_events_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'attendance_events is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER attendance_events_append_only BEFORE UPDATE OR DELETE ON attendance_events
  FOR EACH ROW EXECUTE FUNCTION attendance_events_refuse_change();
