// The official-document engine: one description, two renderers, editable templates.
export type {
  Annex, ArticleBlock, Block, BlockKind, ChapterBlock, ClauseBlock, DocumentDescription, DocumentFamily, DocumentHeader,
  Inline, ListBlock, ParagraphBlock, PointBlock, Recipients, SectionBlock, SignatureColumn, TableBlock, TableColumn, TextRun,
} from './model.ts';
export { renderPdf } from './pdf.ts';
export { renderDocx } from './docx.ts';
export { MissingGlyphError } from './fonts.ts';
export { PARTY_PROFILE, STATE_PROFILE, type LayoutProfile } from './layout.ts';
export {
  describeFields, fillTemplate, listTemplates, loadTemplateSource, renderTemplate, TemplateError, validateTemplateSource,
  type DataField, type TemplateInfo,
} from './templates.ts';
export { sampleDataFor } from './sample-data.ts';
