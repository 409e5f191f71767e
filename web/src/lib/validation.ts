import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiError, type FieldIssue } from '../api/client';

type Issue = z.core.$ZodIssue;

/** The form field an issue belongs to: `tags.2` → `tags`. */
export function fieldOf(path: readonly PropertyKey[] | string): string {
  const first = typeof path === 'string' ? path.split('.')[0] : path[0];
  return first === undefined ? '' : String(first);
}

const knownMessages: Record<string, 'noneExclusive' | 'registeredNeedsOwner' | 'emptyEntry'> = {
  '"None" cannot be combined with other data categories': 'noneExclusive',
  'A registered system needs an accountable owner': 'registeredNeedsOwner',
  'Empty entries are not allowed': 'emptyEntry',
};

/** A zod issue in the UI language (the contracts' own messages are English). */
export function translateIssue(issue: Issue, t: TFunction): string {
  const known = knownMessages[issue.message];
  if (known) return t(`validation.${known}`);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return t('validation.required');
      if (issue.origin === 'string') return t('validation.tooShort', { min: Number(issue.minimum) });
      return t('validation.required');
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'set') return t('validation.tooMany', { max: Number(issue.maximum) });
      return t('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'email') return t('validation.email');
      if (issue.format === 'url') return t('validation.url');
      if (issue.format === 'date') return t('validation.date');
      if (issue.format === 'uuid') return t('validation.choose');
      return t('validation.invalid');
    case 'invalid_value':
      return t('validation.choose');
    case 'invalid_type':
      return issue.expected === 'string' || issue.expected === 'array' ? t('validation.required') : t('validation.choose');
    case 'invalid_union': {
      const nested = issue.errors.flat().find((i) => i.code !== 'invalid_type' && i.code !== 'invalid_value');
      return nested ? translateIssue(nested, t) : t('validation.invalid');
    }
    default:
      return t('validation.invalid');
  }
}

/** Field → message, the first issue per field, from a failed safeParse. */
export function zodFormErrors(error: z.ZodError, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    if (!(field in errors)) errors[field] = translateIssue(issue, t);
  }
  return errors;
}

/** Server field issues (400/422 `details.issues`), translated when the message is one the contracts define. */
export function serverFieldErrors(
  error: unknown,
  fields: readonly string[],
  t: TFunction,
): { fieldErrors: Record<string, string>; rest: FieldIssue[] } {
  const fieldErrors: Record<string, string> = {};
  const rest: FieldIssue[] = [];
  if (!(error instanceof ApiError)) return { fieldErrors, rest };
  for (const issue of error.issues) {
    const field = fieldOf(issue.path);
    const known = knownMessages[issue.message];
    const message = known ? t(`validation.${known}`) : issue.message;
    if (fields.includes(field)) {
      if (!(field in fieldErrors)) fieldErrors[field] = message;
    } else rest.push({ path: issue.path, message });
  }
  return { fieldErrors, rest };
}

/** The message to show for an error of any kind, in the UI language. */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}` as const;
    const known = [
      'network',
      'bad_request',
      'validation_failed',
      'unprocessable',
      'unauthenticated',
      'forbidden',
      'csrf_failed',
      'not_found',
      'conflict',
      'payload_too_large',
      'unsupported_media_type',
      'rate_limited',
      'internal',
      'unavailable',
    ];
    if (known.includes(error.code)) return t(key as 'errors.internal');
    return error.message;
  }
  return t('errors.internal');
}
