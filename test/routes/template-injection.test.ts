// Issue 11: a commune's template edit can never run code. Every payload of test/support/template-payloads.ts (EJS,
// Liquid, Handlebars, template literals, prototype walks, huge loops) tries to write a marker file; each is filled
// directly, previewed and saved through the service and through HTTP as office staff, and then every paper made from
// a saved template is rendered (drafted documents of every kind, the meeting papers). Each payload renders as plain
// text or is refused with a Vietnamese message; no marker file ever appears; no answer is a 500.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import { bodies } from '../../models/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { fillTemplate, listTemplates, loadTemplateSource, sampleDataFor, TemplateError, validateTemplateSource } from '../../server/documents/index.ts';
import { AppError } from '../../server/domain/errors.ts';
import type { Principal } from '../../server/domain/permissions.ts';
import { testDatabase, resetWithDemo } from '../support/db.ts';
import { fixedClock, loggedIn, startServer, type Client, type TestServer } from '../support/http.ts';
import { templatePayloads } from '../support/template-payloads.ts';
import { principalOf } from '../services/issuance-fixture.ts';
import { meetingInSession, type VoteFixture } from '../services/votes-fixture.ts';

const DAY = '2026-11-22';

describe('template injection — nothing typed into a template runs on the server (issue 11)', function () {
  this.timeout(600_000);
  const dir = mkdtempSync(join(tmpdir(), 'mau-van-ban-'));
  const payloads = templatePayloads((i) => join(dir, `payload-${i}`));
  const KEY = 'to-trinh';
  const withPayload = (key: string, text: string) => loadTemplateSource(key).replace('[nội dung]\n', `[nội dung]\n${text}\n`);
  const nothingWritten = (what: string) => expect(readdirSync(dir), `${what}: a payload wrote its marker file`).to.deep.equal([]);
  let database: Database;
  let server: TestServer;
  let cid: number;
  let office: Principal;
  let web: Client;

  before(async () => {
    database = await testDatabase();
    cid = (await resetWithDemo(database)).communeId;
    server = await startServer(database, fixedClock(DAY));
    office = await principalOf(server.services, database, 'vanphong');
    web = await loggedIn(server.base, 'vanphong');
  });
  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const latest = async (key: string) => (await server.services.templates.get(office, cid, key)).latest.version;

  /** The editor page's preview: a PDF, or the editor again with a Vietnamese refusal (422). */
  async function previewOverHttp(key: string, source: string) {
    await web.get(`/xa/${cid}/mau-van-ban/${key}`);
    return web.post(`/xa/${cid}/mau-van-ban/${key}/xem-truoc`, { source });
  }

  it("the issue's reproduction: as vanphong, the bypass line in to-trinh previews as text; id never runs", async () => {
    const line = "<%% <%= process.getBuiltinModule('child_process').execSync('id') %>";
    const r = await previewOverHttp(KEY, `${loadTemplateSource(KEY)}\n${line}`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.equal('application/pdf');
    expect(r.text).to.not.match(/uid=\d+/);
    const filled = fillTemplate(KEY, withPayload(KEY, line), sampleDataFor(KEY));
    expect(filled).to.include(line); // printed in the document, character for character
  });

  const asText = new Set<string>(); // the payloads that fill to-trinh as plain text

  describe('filled directly: plain text or a Vietnamese refusal', () => {
    for (const p of payloads) {
      it(p.name, () => {
        try {
          const text = fillTemplate(KEY, withPayload(KEY, p.source), sampleDataFor(KEY));
          asText.add(p.source);
          if (p.literal) expect(text).to.include(p.source.normalize('NFC'));
          expect(text).to.not.match(/uid=\d+/);
        } catch (err) {
          expect(err).to.be.instanceOf(TemplateError);
          expect((err as Error).message).to.match(/^Mẫu "to-trinh": \p{Ll}/u);
        }
        nothingWritten(p.name);
      });
    }
  });

  describe('through the service: preview and save', () => {
    for (const p of payloads) {
      it(p.name, async () => {
        const source = withPayload(KEY, p.source);
        const outcome = async (run: () => Promise<unknown>) => {
          try {
            return { value: await run() };
          } catch (err) {
            expect(err).to.be.instanceOf(AppError);
            expect((err as AppError).code).to.equal('VALIDATION');
            expect((err as AppError).fields.source).to.match(/Mẫu "to-trinh": /);
            return { refused: (err as AppError).fields.source };
          }
        };
        const preview = await outcome(() => server.services.templates.preview(office, cid, KEY, source, null));
        if ('value' in preview) expect((preview.value as Buffer).subarray(0, 5).toString()).to.equal('%PDF-');
        const saved = await outcome(async () => server.services.templates.save(office, cid, KEY, { source, baseVersion: String(await latest(KEY)) }));
        expect('value' in saved, 'saved exactly when the preview rendered').to.equal('value' in preview);
        nothingWritten(p.name);
      });
    }
  });

  describe('through HTTP as vanphong: preview and save, never a 500', () => {
    for (const p of payloads) {
      it(p.name, async () => {
        const source = withPayload(KEY, `${p.source}\nbản HTTP`);
        const preview = await previewOverHttp(KEY, source);
        expect(preview.status, preview.text.slice(0, 300)).to.be.oneOf([200, 422]);
        if (preview.status === 422) expect(preview.text).to.include('Mẫu &#34;to-trinh&#34;: ');
        else expect(preview.headers.get('content-type')).to.equal('application/pdf');
        expect(preview.text).to.not.match(/uid=\d+/);
        await web.get(`/xa/${cid}/mau-van-ban/${KEY}`);
        const saved = await web.post(`/xa/${cid}/mau-van-ban/${KEY}`, { source, baseVersion: String(await latest(KEY)) });
        expect(saved.status).to.equal(preview.status === 200 ? 303 : 422);
        nothingWritten(p.name);
      });
    }
  });

  describe('every paper made from a saved template', () => {
    let hdnd: VoteFixture;
    let ubnd: VoteFixture;
    let bch: VoteFixture;

    before(async () => {
      hdnd = await meetingInSession(database, cid, 'HĐND', DAY, 0);
      ubnd = await meetingInSession(database, cid, 'UBND', DAY, 0);
      bch = await meetingInSession(database, cid, 'BCH', DAY, 0);
    });

    it('every template takes every payload that printed as text, in one saved version (HTTP, 303)', async () => {
      expect(asText.size).to.be.greaterThan(payloads.length / 3);
      for (const t of listTemplates()) {
        const source = withPayload(t.key, [...asText].join('\n'));
        expect(validateTemplateSource(t.key, source, sampleDataFor(t.key)), t.key).to.deep.equal({ ok: true });
        await web.get(`/xa/${cid}/mau-van-ban/${t.key}`);
        const r = await web.post(`/xa/${cid}/mau-van-ban/${t.key}`, { source, baseVersion: String(await latest(t.key)), note: 'mọi mẫu tấn công được in ra như chữ' });
        expect(r.status, `${t.key}: ${r.text.slice(0, 400)}`).to.equal(303);
      }
      nothingWritten('saved templates');
    });

    it('a document drafted from each of them renders its PDF (no 500), printing the payloads as text', async () => {
      const all = await database.db.select().from(bodies).where(and(eq(bodies.communeId, cid), eq(bodies.active, true))).orderBy(bodies.id);
      const refused: string[] = [];
      for (const t of listTemplates()) {
        const body = all.find((b) => (t.bodyKinds as string[]).includes(b.kind))!;
        await web.get(`/xa/${cid}/van-ban`);
        const r = await web.post(`/xa/${cid}/van-ban`, { bodyId: String(body.id), templateKey: t.key });
        expect(r.status, `${t.key}: ${r.text.slice(0, 400)}`).to.be.oneOf([303, 422]);
        if (r.status === 422) { refused.push(`${t.key}: ${/<strong>([^<]*)/.exec(r.text)?.[1]}`); continue; }
        const id = /van-ban\/(\d+)$/.exec(r.location!)![1];
        const page = await web.get(`/xa/${cid}/van-ban/${id}`);
        expect(page.status, t.key).to.equal(200);
        expect(page.text).to.include('${process.exit()}');
        const pdf = await web.get(`/xa/${cid}/van-ban/${id}/ban-xem.pdf`);
        expect(pdf.status, t.key).to.equal(200);
      }
      expect(refused).to.deep.equal([]);
      nothingWritten('drafted documents');
    });

    it('the meeting papers of a council session, a UBND meeting and a Party conference render (PDF and DOCX)', async () => {
      const cases: Array<[VoteFixture, string[]]> = [
        [hdnd, ['trieu-tap', 'giay-moi', 'chuong-trinh', 'bien-ban']],
        [ubnd, ['giay-moi', 'chuong-trinh', 'bien-ban']],
        [bch, ['giay-moi', 'chuong-trinh', 'bien-ban']],
      ];
      for (const [fx, kinds] of cases) {
        for (const kind of kinds) {
          for (const format of ['pdf', 'docx']) {
            const r = await web.get(`/xa/${cid}/hop/${fx.meetingId}/van-ban/${kind}.${format}`);
            expect(r.status, `${kind}.${format}: ${r.text.slice(0, 300)}`).to.equal(200);
          }
        }
        const desc = await server.services.meetingDocuments.describeDocument(office, cid, fx.meetingId, 'giay-moi');
        expect(JSON.stringify(desc)).to.include('${process.exit()}');
      }
      nothingWritten('meeting papers');
    });
  });
});
