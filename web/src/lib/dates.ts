/** Dates are shown in Hong Kong time by default (DESIGN.md "Internationalisation"). */
export const TIME_ZONE = 'Asia/Hong_Kong';
const HK_OFFSET = '+08:00';

function intlLocale(language: string): string {
  return language === 'zh-HK' ? 'zh-HK' : 'en-GB';
}

export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(date);
}

/** A timestamp as a calendar date in Hong Kong. */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(date);
}

/** A calendar date (`YYYY-MM-DD`) as written, with no time-zone shift. */
export function formatCalendarDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: 'UTC', dateStyle: 'medium' }).format(date);
}

/** The first and last instants of Hong Kong calendar days, for date-range filters. */
export function startOfHkDay(date: string): string {
  return `${date}T00:00:00.000${HK_OFFSET}`;
}

export function endOfHkDay(date: string): string {
  return `${date}T23:59:59.999${HK_OFFSET}`;
}
