import { expect } from 'chai';
import { multiLineProblem, oneLine, singleLineProblem, type TextProblem } from '../../server/domain/text.ts';
import { sseEvent } from '../../server/services/live.ts';

describe('one-line and multi-line text (server/domain/text.ts)', () => {
  // [text, one-line verdict, multi-line verdict]
  const table: Array<[string, string, TextProblem | null, TextProblem | null]> = [
    ['plain Vietnamese', 'Nguyễn Thị Hoà — Chủ tịch', null, null],
    ['empty', '', null, null],
    ['LF', 'Kỳ họp\nthứ Ba', 'LINE_BREAK', null],
    ['CR', 'Kỳ họp\rthứ Ba', 'LINE_BREAK', null],
    ['CRLF', 'Kỳ họp\r\nthứ Ba', 'LINE_BREAK', null],
    ['NEL U+0085', 'Kỳ họp\u0085thứ Ba', 'LINE_BREAK', 'LINE_BREAK'],
    ['LINE SEPARATOR U+2028', 'a\u2028b', 'LINE_BREAK', 'LINE_BREAK'],
    ['PARAGRAPH SEPARATOR U+2029', 'a\u2029b', 'LINE_BREAK', 'LINE_BREAK'],
    ['vertical tab', 'a\u000Bb', 'LINE_BREAK', 'LINE_BREAK'],
    ['form feed', 'a\u000Cb', 'LINE_BREAK', 'LINE_BREAK'],
    ['TAB', 'Điều\t1', 'TAB', null],
    ['NUL', 'a\u0000b', 'CONTROL', 'CONTROL'],
    ['ESC', 'a\u001Bb', 'CONTROL', 'CONTROL'],
    ['DEL', 'a\u007Fb', 'CONTROL', 'CONTROL'],
    ['zero-width space U+200B', 'Trần\u200BVăn', 'INVISIBLE', 'INVISIBLE'],
    ['zero-width non-joiner U+200C', 'a\u200Cb', 'INVISIBLE', 'INVISIBLE'],
    ['zero-width joiner U+200D', 'a\u200Db', 'INVISIBLE', 'INVISIBLE'],
    ['word joiner U+2060', 'a\u2060b', 'INVISIBLE', 'INVISIBLE'],
    ['BOM U+FEFF', '\uFEFFTân Uyên', 'INVISIBLE', 'INVISIBLE'],
    ['soft hyphen', 'a\u00ADb', 'INVISIBLE', 'INVISIBLE'],
    ['LRE U+202A (first of the range)', 'a\u202Ab', 'BIDI', 'BIDI'],
    ['RLO U+202E (last of the range)', 'ĐÃ THÔNG QUA\u202E', 'BIDI', 'BIDI'],
    ['LRI U+2066 (first isolate)', 'a\u2066b', 'BIDI', 'BIDI'],
    ['PDI U+2069 (last isolate)', 'a\u2069b', 'BIDI', 'BIDI'],
    ['RLM U+200F', 'a\u200Fb', 'BIDI', 'BIDI'],
    ['U+2065 (unassigned, between the ranges) is ordinary', 'a\u2065b', null, null],
    ['U+202F narrow no-break space is visible spacing', 'a\u202Fb', null, null],
    ['U+2029 just after the isolates range is a line break', 'a\u2029b', 'LINE_BREAK', 'LINE_BREAK'],
    ['decomposed Vietnamese (combining marks) is text', 'Nguye\u0302\u0303n', null, null],
  ];
  for (const [name, text, one, multi] of table) {
    it(`${name}: one-line ${one ?? 'ok'}, multi-line ${multi ?? 'ok'}`, () => {
      expect(singleLineProblem(text)).to.equal(one);
      expect(multiLineProblem(text)).to.equal(multi);
    });
  }

  it('oneLine turns every line break and tab of stored text into one space', () => {
    expect(oneLine('a\r\n\r\nb\tc\u2028d\u0085e')).to.equal('a b c d e');
  });
});

describe('Server-Sent Events writer', () => {
  it('writes every line of the data as its own data: line, whatever the line ending', () => {
    expect(sseEvent({ event: 'update', id: 7, data: ['{"a":1}', 'x\r\ny\rz\nw'] }))
      .to.equal('event: update\nid: 7\ndata: {"a":1}\ndata: x\ndata: y\ndata: z\ndata: w\n\n');
  });

  it('a title with CRs cannot end the event or forge another one', () => {
    const title = 'Dự thảo\r\r\revent: update\rdata: ĐÃ THÔNG QUA — 26/26\r\r';
    const out = sseEvent({ event: 'update', id: 1, data: [`<h1>${title}</h1>`] });
    // Parse as a browser does: lines end at CR, LF or CRLF; an empty line dispatches an event.
    const lines = out.split(/\r\n|\r|\n/);
    const events: string[][] = [];
    let current: string[] = [];
    for (const line of lines) {
      if (line === '') { if (current.length) events.push(current); current = []; } else current.push(line);
    }
    expect(events).to.have.length(1);
    expect(events[0]!.filter((l) => l.startsWith('event:'))).to.deep.equal(['event: update']);
    expect(events[0]!.every((l) => /^(event|id|data):/.test(l))).to.equal(true);
  });

  it('refuses an event name or id that is not a plain word', () => {
    expect(() => sseEvent({ event: 'a\nb', data: [] })).to.throw();
    expect(() => sseEvent({ id: '1\r2', data: [] })).to.throw();
  });
});
