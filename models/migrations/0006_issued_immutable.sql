-- An issued document is never edited (NĐ 30/2020 Điều 18.3): its text versions, its register row and its
-- issued files are refused any change by the database itself; an issued document may only be revoked or
-- marked as replaced.
CREATE OR REPLACE FUNCTION issuance_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER document_versions_append_only BEFORE UPDATE OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION issuance_refuse_change();
--> statement-breakpoint
CREATE TRIGGER register_entries_append_only BEFORE UPDATE OR DELETE ON register_entries
  FOR EACH ROW EXECUTE FUNCTION issuance_refuse_change();
--> statement-breakpoint
CREATE TRIGGER issued_files_append_only BEFORE UPDATE OR DELETE ON issued_files
  FOR EACH ROW EXECUTE FUNCTION issuance_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION official_documents_issued_final() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status IN ('issued', 'revoked') THEN RAISE EXCEPTION 'issued document % cannot be deleted', OLD.id; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('issued', 'revoked') AND (
       NEW.current_version <> OLD.current_version OR NEW.signed_version IS DISTINCT FROM OLD.signed_version
    OR NEW.subject <> OLD.subject OR NEW.body_id <> OLD.body_id OR NEW.commune_id <> OLD.commune_id
    OR NEW.signer_person_id IS DISTINCT FROM OLD.signer_person_id
    OR (OLD.status = 'issued' AND NEW.status NOT IN ('issued', 'revoked'))
    OR (OLD.status = 'revoked' AND NEW.status <> 'revoked')) THEN
    RAISE EXCEPTION 'issued document % cannot be edited (only revoked or marked replaced)', OLD.id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER official_documents_issued_final BEFORE UPDATE OR DELETE ON official_documents
  FOR EACH ROW EXECUTE FUNCTION official_documents_issued_final();
