// A short name for a browser and its system from a User-Agent header, for the list of a user's sessions.

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'], [/OPR\/|Opera/, 'Opera'], [/CocCoc|coc_coc/i, 'Cốc Cốc'], [/SamsungBrowser\//, 'Samsung Internet'],
  [/Zalo/i, 'Zalo'], [/Firefox\/|FxiOS\//, 'Firefox'], [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'], [/Safari\//, 'Safari'],
];
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'], [/iPhone|iPad|iPod/, 'iOS'], [/Windows/, 'Windows'], [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'], [/Linux/, 'Linux'],
];

export function describeUserAgent(ua: string | null | undefined): { browser: string | null; system: string | null } {
  const s = ua ?? '';
  return {
    browser: BROWSERS.find(([re]) => re.test(s))?.[1] ?? null,
    system: SYSTEMS.find(([re]) => re.test(s))?.[1] ?? null,
  };
}
