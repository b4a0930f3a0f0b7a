// A line diff of two versions of a document's text (longest common subsequence), for the signer to see
// what changed since the previous version. Pure; quadratic in lines, which is fine for an official document.

export type DiffOp = 'same' | 'add' | 'del';

export interface DiffLine {
  op: DiffOp;
  text: string;
  oldNo: number | null; // 1-based line number in the old text
  newNo: number | null; // 1-based line number in the new text
}

export function splitLines(text: string): string[] {
  const t = text.replace(/\r\n?/g, '\n');
  if (t === '') return [];
  return (t.endsWith('\n') ? t.slice(0, -1) : t).split('\n');
}

/** Every line of old and new, marked kept, added or deleted, in reading order (deletions before additions). */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // Trim the common head and tail first: most revisions touch a few lines of a long text.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const n = am.length;
  const m = bm.length;
  // lcs[i][j] = length of the LCS of am[i..] and bm[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = am[i] === bm[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  for (let k = 0; k < head; k++) out.push({ op: 'same', text: a[k]!, oldNo: k + 1, newNo: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      out.push({ op: 'same', text: am[i]!, oldNo: head + i + 1, newNo: head + j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ op: 'del', text: am[i]!, oldNo: head + i + 1, newNo: null });
      i++;
    } else {
      out.push({ op: 'add', text: bm[j]!, oldNo: null, newNo: head + j + 1 });
      j++;
    }
  }
  for (let k = 0; k < tail; k++) {
    out.push({ op: 'same', text: a[a.length - tail + k]!, oldNo: a.length - tail + k + 1, newNo: b.length - tail + k + 1 });
  }
  return out;
}

/** Counts of added and deleted lines. */
export function diffStats(lines: readonly DiffLine[]): { added: number; deleted: number } {
  let added = 0;
  let deleted = 0;
  for (const l of lines) {
    if (l.op === 'add') added++;
    else if (l.op === 'del') deleted++;
  }
  return { added, deleted };
}

/**
 * The changed lines with `context` unchanged lines around each change; runs of unchanged lines
 * further away collapse into one { op: 'same', text: '…', oldNo: null, newNo: null } marker.
 */
export function diffHunks(lines: readonly DiffLine[], context = 2): DiffLine[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, idx) => {
    if (l.op === 'same') return;
    for (let k = Math.max(0, idx - context); k <= Math.min(lines.length - 1, idx + context); k++) keep[k] = true;
  });
  const out: DiffLine[] = [];
  let skipped = false;
  lines.forEach((l, idx) => {
    if (keep[idx]) {
      out.push(l);
      skipped = false;
    } else if (!skipped) {
      out.push({ op: 'same', text: '…', oldNo: null, newNo: null });
      skipped = true;
    }
  });
  return out;
}
