// The live view's in-process broadcaster: services call notify(meetingId) after a commit; subscribers (the
// Server-Sent Events streams of the projector page) get one fresh snapshot, coalesced over a few milliseconds so a
// burst of 500 ballots costs a handful of snapshots, not 500. One process only: behind several app processes a
// shared channel (PostgreSQL LISTEN/NOTIFY) would be needed.

export type Listener = (snapshot: unknown) => void;

export interface LiveHub {
  subscribe(meetingId: number, fn: Listener): () => void;
  notify(meetingId: number): void;
  /** Ends every stream (shutdown), so the process can exit. */
  close(): void;
  onClose(fn: () => void): () => void;
  subscribers(meetingId: number): number;
}

export function createLiveHub(snapshot: (meetingId: number) => Promise<unknown>, opts: { coalesceMs?: number; log?: (e: unknown) => void } = {}): LiveHub {
  const subs = new Map<number, Set<Listener>>();
  const timers = new Map<number, NodeJS.Timeout>();
  const running = new Set<number>();
  const again = new Set<number>();
  const closers = new Set<() => void>();
  const wait = opts.coalesceMs ?? 25;

  async function push(meetingId: number) {
    timers.delete(meetingId);
    if (running.has(meetingId)) { again.add(meetingId); return; }
    running.add(meetingId);
    try {
      const set = subs.get(meetingId);
      if (set && set.size) {
        const snap = await snapshot(meetingId);
        for (const fn of [...(subs.get(meetingId) ?? [])]) fn(snap);
      }
    } catch (err) {
      opts.log?.(err);
    } finally {
      running.delete(meetingId);
      if (again.delete(meetingId)) schedule(meetingId);
    }
  }

  function schedule(meetingId: number) {
    if (timers.has(meetingId)) return;
    const t = setTimeout(() => void push(meetingId), wait);
    t.unref();
    timers.set(meetingId, t);
  }

  return {
    subscribe(meetingId, fn) {
      const set = subs.get(meetingId) ?? new Set();
      set.add(fn);
      subs.set(meetingId, set);
      return () => {
        set.delete(fn);
        if (!set.size) subs.delete(meetingId);
      };
    },
    notify(meetingId) {
      if (subs.get(meetingId)?.size) schedule(meetingId);
    },
    close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      for (const fn of [...closers]) fn();
      closers.clear();
      subs.clear();
    },
    onClose(fn) {
      closers.add(fn);
      return () => closers.delete(fn);
    },
    subscribers: (meetingId) => subs.get(meetingId)?.size ?? 0,
  };
}

/** Bars of a result for the server-rendered SVG chart: label, value, share of the base in tenths of a percent. */
export function chartBars(figures: { label: string; value: number }[], baseCount: number) {
  const max = Math.max(1, baseCount);
  return figures.map((f) => ({ ...f, width: Math.round((f.value / max) * 1000) / 10 }));
}

/**
 * One Server-Sent Event. The protocol ends a line at CR, LF or CRLF and an event at an empty line, so every line of
 * `data` becomes its own "data:" line whatever its line ending: a CR stored in a title can never end the event early
 * or start a forged one. The event name and id are ours (a word, a number); anything else is refused.
 */
export function sseEvent(e: { event?: string; id?: string | number; data: string[] }): string {
  const out: string[] = [];
  if (e.event !== undefined) {
    if (!/^[A-Za-z][\w-]*$/.test(e.event)) throw new Error(`bad SSE event name: ${JSON.stringify(e.event)}`);
    out.push(`event: ${e.event}`);
  }
  if (e.id !== undefined) {
    if (!/^[\w.-]+$/.test(String(e.id))) throw new Error(`bad SSE id: ${JSON.stringify(e.id)}`);
    out.push(`id: ${e.id}`);
  }
  for (const chunk of e.data) for (const line of chunk.split(/\r\n|\r|\n/)) out.push(`data: ${line}`);
  return `${out.join('\n')}\n\n`;
}
