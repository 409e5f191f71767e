import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/**
 * PostgreSQL text cannot hold the NUL character (U+0000). Requests carrying one anywhere in their query or JSON
 * body are refused up front with the path of the first occurrence, instead of failing deep in a query.
 */
export function pathOfNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'value' : null;
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = pathOfNul(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}

export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = pathOfNul(request.query) ?? pathOfNul(request.params) ?? pathOfNul(request.body);
    if (found) {
      throw new AppError('validation_failed', 'The request is not valid', {
        issues: [{ path: found, message: 'Text may not contain the NUL character (U+0000)' }],
      });
    }
  });
}
