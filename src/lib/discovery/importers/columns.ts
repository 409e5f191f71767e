/** What a column of a tabular import means. */
export type ColumnRole = 'domain' | 'url' | 'user' | 'time' | 'app' | 'merchant' | 'amount';

/** Column names chosen by the caller (exact header text or JSON key; dotted paths in JSON lines). */
export type ColumnOptions = Partial<Record<ColumnRole, string>>;

/** A tabular format: the header names each role is recognised by (first match wins) and what a row needs. */
export interface TabularPreset {
  label: string;
  aliases: Partial<Record<ColumnRole, string[]>>;
  /** at least one of these roles must have a column (and a value in each row) */
  needsOneOf: ColumnRole[];
}

/** Header text reduced for comparison: "Date (UTC)" → "dateutc", "user_name" → "username". */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const timeAliases = [
  'time',
  'timestamp',
  'datetime',
  'date',
  'dateutc',
  'eventtime',
  'ts',
  'time',
  'createddatetime',
  'logtime',
  'requesttime',
];
const userAliases = [
  'user',
  'username',
  'userprincipalname',
  'upn',
  'email',
  'useremail',
  'actor',
  'actoremail',
  'srcuser',
  'account',
  'csusername',
  'login',
  'userid',
];

export const presets = {
  csv: {
    label: 'generic CSV',
    aliases: {
      domain: [
        'domain',
        'host',
        'hostname',
        'desthost',
        'dsthost',
        'destinationhost',
        'fqdn',
        'servername',
        'sni',
        'query',
        'dnsquery',
        'queryname',
        'site',
        'cshost',
      ],
      url: ['url', 'uri', 'requesturl', 'csuri', 'desturl', 'targeturl', 'fullurl'],
      user: userAliases,
      time: timeAliases,
    },
    needsOneOf: ['domain', 'url'],
  },
  entra: {
    label: 'Microsoft Entra ID export (enterprise applications or sign-in logs)',
    aliases: {
      app: ['application', 'appdisplayname', 'applicationname', 'displayname', 'name', 'app'],
      url: ['homepageurl', 'homepage', 'replyurls', 'signonurl'],
      user: ['username', 'userprincipalname', 'user', 'userid'],
      time: ['dateutc', 'date', 'createddatetime', 'createdon', 'createddate'],
    },
    needsOneOf: ['app'],
  },
  google: {
    label: 'Google Workspace OAuth token audit export',
    aliases: {
      app: ['applicationname', 'appname', 'application', 'oauthapplicationname', 'product'],
      user: ['actor', 'user', 'email', 'useremail', 'actoremail', 'username'],
      time: ['date', 'time', 'eventtime', 'timestamp', 'datetime'],
    },
    needsOneOf: ['app'],
  },
  okta: {
    label: 'Okta application list export',
    aliases: {
      app: ['label', 'applicationlabel', 'appname', 'applicationname', 'application', 'displayname', 'name'],
      user: ['user', 'username', 'login', 'email'],
      time: ['created', 'createddate', 'createdat', 'lastupdated'],
    },
    needsOneOf: ['app'],
  },
  expense: {
    label: 'expense / card transactions CSV',
    aliases: {
      merchant: ['merchant', 'merchantname', 'vendor', 'payee', 'description', 'transactiondescription', 'narrative', 'details'],
      amount: ['amount', 'total', 'amounthkd', 'amountusd', 'billingamount', 'transactionamount', 'value', 'debit'],
      user: ['employee', 'employeename', 'employeeemail', 'cardholder', 'cardholdername', 'submittedby', 'user', 'email'],
      time: ['date', 'transactiondate', 'postingdate', 'posteddate', 'postdate', 'expensedate', 'time'],
    },
    needsOneOf: ['merchant'],
  },
} satisfies Record<string, TabularPreset>;
export type TabularFormat = keyof typeof presets;

const roles: ColumnRole[] = ['domain', 'url', 'user', 'time', 'app', 'merchant', 'amount'];

/** Column index of each role from a header row: the caller's choice (exact, then case-insensitive), else the aliases. */
export function resolveColumns(header: string[], preset: TabularPreset, chosen: ColumnOptions): Partial<Record<ColumnRole, number>> {
  const keys = header.map(headerKey);
  const out: Partial<Record<ColumnRole, number>> = {};
  const missing: string[] = [];
  for (const role of roles) {
    const name = chosen[role];
    if (name !== undefined) {
      let at = header.indexOf(name);
      if (at < 0) at = keys.indexOf(headerKey(name));
      if (at < 0) missing.push(`${role} column "${name}"`);
      else out[role] = at;
      continue;
    }
    for (const alias of preset.aliases[role] ?? []) {
      const at = keys.indexOf(alias);
      if (at >= 0 && !Object.values(out).includes(at)) {
        out[role] = at;
        break;
      }
    }
  }
  if (missing.length) throw new ColumnError(`The file has no ${missing.join(', ')}; its columns are: ${header.join(', ')}`);
  if (!preset.needsOneOf.some((r) => out[r] !== undefined)) {
    throw new ColumnError(
      `Cannot find a ${preset.needsOneOf.join(' or ')} column in this ${preset.label}; its columns are: ${header.join(', ')}` +
        ' (name one with the column options)',
    );
  }
  return out;
}

/** The file as a whole is not of the expected shape (unlike a bad line, this stops the import). */
export class ColumnError extends Error {
  override name = 'ColumnError';
}

/** "HK$1,234.50", "USD 20.00", "(15.00)" → number; null when there is no number. */
export function parseAmount(raw: string): number | null {
  let s = raw.trim();
  const negative = /^\(.*\)$/.test(s) || s.startsWith('-') || s.endsWith('-');
  s = s.replace(/[^0-9.,]/g, '');
  if (!/\d/.test(s)) return null;
  // "1.234,50" (comma decimals) vs "1,234.50": the last separator with 1–2 digits after it is the decimal point.
  const decimalComma = /,\d{1,2}$/.test(s) && !/\.\d{1,2}$/.test(s);
  s = decimalComma ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  return negative ? -v : v;
}
