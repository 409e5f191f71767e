import { z } from 'zod';

/**
 * Dates a register can hold. ISO 8601 allows year 0000, which PostgreSQL does not; and a review date centuries
 * away is a typing error, not a plan.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const yearInRange = (value: string) => {
  const year = Number(value.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR;
};

export const calendarDate = (message = 'Use a date like 2026-12-31') =>
  z.iso.date(message).refine(yearInRange, `Use a year between ${MIN_YEAR} and ${MAX_YEAR}`);

/** A date, or a date and time with an offset, as a filter bound. */
export const instantOrDate = () =>
  z.iso.datetime({ offset: true }).or(z.iso.date()).refine(yearInRange, `Use a year between ${MIN_YEAR} and ${MAX_YEAR}`);
