import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.js';

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Parses service input; failures become a 400 with one issue per field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError('validation_failed', 'Some fields are not valid', { issues: zodIssues(parsed.error) });
  return parsed.data;
}
