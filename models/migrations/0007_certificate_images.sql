ALTER TABLE "signing_certificates" ADD COLUMN "signature_png" "bytea";--> statement-breakpoint
ALTER TABLE "signing_certificates" ADD COLUMN "seal_png" "bytea";