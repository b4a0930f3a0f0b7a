// A pino logger that keeps its JSON lines in memory, for tests that check what the security log says.
import { pino, type Logger } from 'pino';

export function captureLog(): { logger: Logger; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level: 'info' }, { write: (s: string) => { lines.push(JSON.parse(s)); } });
  return { logger, lines };
}
