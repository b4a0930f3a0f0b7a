CREATE TYPE "public"."document_status" AS ENUM('draft', 'submitted', 'returned', 'approved', 'signed', 'issued', 'revoked');--> statement-breakpoint
CREATE TABLE "document_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"document_id" integer NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"note" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issued_files" (
	"document_id" integer PRIMARY KEY NOT NULL,
	"commune_id" integer NOT NULL,
	"short_code" text NOT NULL,
	"public_details" boolean NOT NULL,
	"pdf" "bytea" NOT NULL,
	"pdf_sha256" text NOT NULL,
	"signed_pdf" "bytea" NOT NULL,
	"signed_pdf_sha256" text NOT NULL,
	"docx" "bytea" NOT NULL,
	"docx_sha256" text NOT NULL,
	"certificate_id" integer,
	"certificate_subject" text,
	"signed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "number_series" (
	"commune_id" integer NOT NULL,
	"series_key" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "number_series_commune_id_series_key_pk" PRIMARY KEY("commune_id","series_key")
);
--> statement-breakpoint
CREATE TABLE "official_documents" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"template_key" text NOT NULL,
	"family" text NOT NULL,
	"type_code" text,
	"type_name" text NOT NULL,
	"subject" text NOT NULL,
	"status" "document_status" DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"normative" boolean DEFAULT false NOT NULL,
	"closed_session" boolean DEFAULT false NOT NULL,
	"created_by" integer NOT NULL,
	"submitted_version" integer,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"signed_version" integer,
	"signed_by" integer,
	"signer_person_id" integer,
	"sign_mode" text,
	"signed_at" timestamp with time zone,
	"last_comment" text,
	"replaces_id" integer,
	"replaced_by_id" integer,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "register_entries" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_id" integer NOT NULL,
	"body_id" integer NOT NULL,
	"document_id" integer NOT NULL,
	"series_key" text NOT NULL,
	"number" integer NOT NULL,
	"number_symbol" text NOT NULL,
	"issued_date" date NOT NULL,
	"year" integer NOT NULL,
	"issuer_name" text NOT NULL,
	"type_name" text NOT NULL,
	"subject" text NOT NULL,
	"signer_name" text NOT NULL,
	"recipients" text NOT NULL,
	"keeping_unit" text NOT NULL,
	"copies" integer NOT NULL,
	"sent_date" date,
	"notes" text,
	"issued_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_certificates" (
	"id" serial PRIMARY KEY NOT NULL,
	"commune_id" integer NOT NULL,
	"body_id" integer,
	"account_id" integer,
	"label" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial" text NOT NULL,
	"fingerprint_sha256" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"p12_sealed" "bytea" NOT NULL,
	"password_sealed" "bytea" NOT NULL,
	"self_signed" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"uploaded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_document_id_official_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."official_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_versions" ADD CONSTRAINT "document_versions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_files" ADD CONSTRAINT "issued_files_document_id_official_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."official_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_files" ADD CONSTRAINT "issued_files_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "number_series" ADD CONSTRAINT "number_series_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_documents" ADD CONSTRAINT "official_documents_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_documents" ADD CONSTRAINT "official_documents_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_documents" ADD CONSTRAINT "official_documents_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_documents" ADD CONSTRAINT "official_documents_reviewed_by_accounts_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_documents" ADD CONSTRAINT "official_documents_signed_by_accounts_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "official_documents" ADD CONSTRAINT "official_documents_signer_person_id_people_id_fk" FOREIGN KEY ("signer_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_document_id_official_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."official_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_entries" ADD CONSTRAINT "register_entries_issued_by_accounts_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_commune_id_communes_id_fk" FOREIGN KEY ("commune_id") REFERENCES "public"."communes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_body_id_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD CONSTRAINT "signing_certificates_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "document_versions_uq" ON "document_versions" USING btree ("document_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_files_code_uq" ON "issued_files" USING btree ("short_code");--> statement-breakpoint
CREATE INDEX "official_documents_commune_idx" ON "official_documents" USING btree ("commune_id","status");--> statement-breakpoint
CREATE INDEX "official_documents_body_idx" ON "official_documents" USING btree ("body_id");--> statement-breakpoint
CREATE UNIQUE INDEX "register_number_uq" ON "register_entries" USING btree ("commune_id","series_key","number");--> statement-breakpoint
CREATE UNIQUE INDEX "register_document_uq" ON "register_entries" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "register_commune_year_idx" ON "register_entries" USING btree ("commune_id","year");--> statement-breakpoint
CREATE INDEX "signing_certificates_commune_idx" ON "signing_certificates" USING btree ("commune_id");