// The clock every use case reads time from, injected (tests fix it); never Date.now() in a rule.
export interface Clock {
  now(): Date;
  /** Today's date in Vietnam (UTC+7), as YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10),
};
