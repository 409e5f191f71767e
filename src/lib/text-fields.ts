import { z } from 'zod';

/** An optional free-text field: trimmed, at most `max` characters; empty, null or absent becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((v) => (v ? v : null));
