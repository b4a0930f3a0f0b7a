// Every template rendered once with its sample data, shared by the document tests.
import {
  listTemplates, loadTemplateSource, renderDocx, renderPdf, renderTemplate, sampleDataFor, type DocumentDescription,
  type TemplateInfo,
} from '../../server/documents/index.ts';
import { readPdf, type PdfPage } from './helpers.ts';

export interface RenderedSample {
  info: TemplateInfo;
  desc: DocumentDescription;
  pdf: Buffer;
  docx: Buffer;
  pages: PdfPage[];
}

let cache: Promise<RenderedSample[]> | null = null;

export function renderedSamples(): Promise<RenderedSample[]> {
  cache ??= (async () => {
    const out: RenderedSample[] = [];
    for (const info of listTemplates()) {
      const desc = renderTemplate(info.key, loadTemplateSource(info.key), sampleDataFor(info.key));
      const pdf = await renderPdf(desc);
      out.push({ info, desc, pdf, docx: await renderDocx(desc), pages: await readPdf(pdf) });
    }
    return out;
  })();
  return cache;
}
