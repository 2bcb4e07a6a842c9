// max_age values: the RFC 8461 §3.2 limits, and the seconds a mistaken value most likely means.

/** The largest max_age RFC 8461 §3.2 allows: 31557600 seconds (365.25 days). */
export const maxAgeLimit = 31_557_600;

/** One week, the shortest max_age that still lets senders cache the policy usefully. */
export const oneWeek = 604_800;

/** Whether `value` fits `sts-policy-max-age-value = 1*10(DIGIT)`. */
export function isMaxAgeValue(value: string): boolean {
  return /^[0-9]{1,10}$/.test(value);
}

/** Seconds as days for messages: `7 days`, `1 day`, `0.04 days`, `365.25 days`. */
export function formatDays(seconds: number): string {
  const days = Math.round((seconds / 86_400) * 100) / 100;
  return days === 1 ? '1 day' : `${days} days`;
}

/** Why a max_age value is not plain seconds, and the seconds it most likely means (null: no guess). */
export type MaxAgeGuess =
  | { readonly kind: 'unit'; readonly seconds: number; readonly capped: boolean }
  | { readonly kind: 'too-many-digits'; readonly seconds: number; readonly capped: boolean }
  | { readonly kind: 'decimal'; readonly seconds: number }
  | { readonly kind: 'separators'; readonly seconds: number }
  | { readonly kind: 'sign'; readonly seconds: number }
  | { readonly kind: 'comment'; readonly seconds: number }
  | { readonly kind: 'negative' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'garbage' };

const unitSeconds: Readonly<Record<string, number>> = {
  s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  m: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hrs: 3600, hour: 3600, hours: 3600,
  d: 86_400, day: 86_400, days: 86_400,
  w: 604_800, wk: 604_800, wks: 604_800, week: 604_800, weeks: 604_800,
  mo: 2_629_800, mon: 2_629_800, month: 2_629_800, months: 2_629_800,
  y: maxAgeLimit, yr: maxAgeLimit, yrs: maxAgeLimit, year: maxAgeLimit, years: maxAgeLimit,
};

/** What an invalid max_age value (not 1 to 10 digits) most likely means. */
export function guessMaxAge(value: string): MaxAgeGuess {
  const v = value.trim();
  if (v === '') return { kind: 'empty' };
  if (v.length > 100) return { kind: 'garbage' };
  if (/^[0-9]+$/.test(v)) {
    const n = Number(v);
    return { kind: 'too-many-digits', seconds: Math.min(n, maxAgeLimit), capped: n > maxAgeLimit };
  }
  if (/^-\s*[0-9]/.test(v)) return { kind: 'negative' };
  if (/^\+[0-9]{1,10}$/.test(v)) return { kind: 'sign', seconds: cap(Number(v.slice(1))) };
  if (/^[0-9]+\.[0-9]+$/.test(v)) return { kind: 'decimal', seconds: cap(Math.floor(Number(v))) };
  if (/^[0-9]{1,3}([,_' ][0-9]{3})+$/.test(v)) return { kind: 'separators', seconds: cap(Number(v.replace(/[,_' ]/g, ''))) };
  const units = withUnits(v);
  if (units !== null) return { kind: 'unit', seconds: Math.min(units, maxAgeLimit), capped: units > maxAgeLimit };
  const commented = /^([0-9]{1,10})\s*[#;(/]/.exec(v);
  if (commented) return { kind: 'comment', seconds: cap(Number(commented[1])) };
  return { kind: 'garbage' };
}

function cap(n: number): number {
  return Math.min(n, maxAgeLimit);
}

/** Seconds of a duration such as `1w`, `7d`, `2 weeks`, `1w 2d`, `86400s`; null when it is not one. */
function withUnits(v: string): number | null {
  const re = /([0-9]+(?:\.[0-9]+)?)\s*([a-z]+)[\s,]*(?:and\s+)?/giy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    const unit = unitSeconds[m[2]!.toLowerCase()];
    if (unit === undefined) return null;
    total += Number(m[1]) * unit;
    at = re.lastIndex;
  }
  return at === v.length && at > 0 ? Math.floor(total) : null;
}
