const months: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/**
 * A time as log and export files write it → epoch ms, or null when it is not understood. Times without a zone are
 * read as UTC (exports rarely say, and one rule is better than the server's local zone). Accepts epoch seconds or
 * milliseconds, ISO 8601 (with "T" or a space), BIND's "27-Nov-2026 09:15:02.123", and day-first "27/11/2026 09:15"
 * as Hong Kong exports write it.
 */
export function parseTime(raw: string | number): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? (raw < 1e12 ? Math.round(raw * 1000) : Math.round(raw)) : null;
  const s = raw.trim();
  if (s === '') return null;
  if (/^\d{9,13}(\.\d+)?$/.test(s)) return parseTime(Number(s));
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const zone = m[8] ? (m[8].toUpperCase() === 'Z' ? 'Z' : m[8].length === 5 ? `${m[8].slice(0, 3)}:${m[8].slice(3)}` : m[8]) : 'Z';
    const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${m[7] ? m[7].slice(0, 4).padEnd(4, '0') : ''}${zone}`;
    return finite(Date.parse(iso));
  }
  m = /^(\d{1,2})[-/ ]([A-Za-z]{3})[-/ ](\d{4})[ :](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(s);
  if (m) {
    const month = months[m[2]!.toLowerCase()];
    if (month === undefined) return null;
    return finite(Date.UTC(+m[3]!, month, +m[1]!, +m[4]!, +m[5]!, +m[6]!, m[7] ? +m[7].padEnd(3, '0') : 0));
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AP]M)?)?$/i.exec(s);
  if (m) {
    let hour = +(m[4] ?? 0);
    if (m[7]) hour = (hour % 12) + (m[7].toUpperCase() === 'PM' ? 12 : 0);
    // 12-hour clock marks a US export (month first); otherwise day first.
    const [day, month] = m[7] ? [+m[2]!, +m[1]!] : [+m[1]!, +m[2]!];
    if (month < 1 || month > 12 || day < 1 || day > 31) return null;
    return finite(Date.UTC(+m[3]!, month - 1, day, hour, +(m[5] ?? 0), +(m[6] ?? 0)));
  }
  return null;
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
