// The line diff shown to the signer: kept, added and deleted lines in reading order, as boundary tables.
import { expect } from 'chai';
import { diffHunks, diffLines, diffStats, splitLines } from '../../server/domain/text-diff.ts';

const show = (a: string, b: string) => diffLines(a, b).map((l) => `${l.op === 'same' ? ' ' : l.op === 'add' ? '+' : '-'}${l.text}`);

describe('domain — text diff (LCS by line)', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['identical', 'a\nb\nc', 'a\nb\nc', [' a', ' b', ' c']],
    ['both empty', '', '', []],
    ['from empty', '', 'a\nb', ['+a', '+b']],
    ['to empty', 'a\nb', '', ['-a', '-b']],
    ['one line changed', 'a\nb\nc', 'a\nB\nc', [' a', '-b', '+B', ' c']],
    ['line inserted in the middle', 'a\nc', 'a\nb\nc', [' a', '+b', ' c']],
    ['line deleted at the end', 'a\nb\nc', 'a\nb', [' a', ' b', '-c']],
    ['moved line', 'a\nb\nc', 'b\nc\na', ['-a', ' b', ' c', '+a']],
    ['trailing newline ignored', 'a\nb\n', 'a\nb', [' a', ' b']],
    ['CRLF equals LF', 'a\r\nb', 'a\nb', [' a', ' b']],
    ['Vietnamese text', 'Điều 1. Giao\nĐiều 2. Thi hành', 'Điều 1. Giao nhiệm vụ\nĐiều 2. Thi hành', ['-Điều 1. Giao', '+Điều 1. Giao nhiệm vụ', ' Điều 2. Thi hành']],
  ];
  for (const [name, a, b, expected] of cases) {
    it(name, () => expect(show(a, b)).to.deep.equal(expected));
  }

  it('numbers lines in the old and the new text', () => {
    const d = diffLines('a\nb\nc', 'a\nx\nc');
    expect(d.map((l) => [l.oldNo, l.newNo])).to.deep.equal([[1, 1], [2, null], [null, 2], [3, 3]]);
  });

  it('keeps the common subsequence maximal', () => {
    const d = diffLines('1\n2\n3\n4\n5\n6', '1\nx\n3\n4\ny\n6');
    expect(d.filter((l) => l.op === 'same').map((l) => l.text)).to.deep.equal(['1', '3', '4', '6']);
    expect(diffStats(d)).to.deep.equal({ added: 2, deleted: 2 });
  });

  it('folds long unchanged runs into one marker, keeping context', () => {
    const old = Array.from({ length: 20 }, (_, i) => `dòng ${i + 1}`).join('\n');
    const neu = old.replace('dòng 10', 'dòng mười');
    const h = diffHunks(diffLines(old, neu), 1);
    expect(h.map((l) => l.text)).to.deep.equal(['…', 'dòng 9', 'dòng 10', 'dòng mười', 'dòng 11', '…']);
  });

  it('splits lines', () => {
    expect(splitLines('')).to.deep.equal([]);
    expect(splitLines('\n')).to.deep.equal(['']);
    expect(splitLines('a\n\nb')).to.deep.equal(['a', '', 'b']);
  });
});
