CREATE TABLE "secret_tallies" (
	"motion_id" integer NOT NULL,
	"key" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "secret_tallies_motion_id_key_pk" PRIMARY KEY("motion_id","key")
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "ordinal" integer;--> statement-breakpoint
ALTER TABLE "secret_tallies" ADD CONSTRAINT "secret_tallies_motion_id_motions_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."motions"("id") ON DELETE no action ON UPDATE no action;