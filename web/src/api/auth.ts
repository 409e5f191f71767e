import type { LoginBody, SessionView } from '@contracts/auth/schema.js';
import { api, ApiError, setCsrfToken } from './client';

/** The signed-in session, or null when signed out. */
export async function fetchSession(): Promise<SessionView | null> {
  try {
    const session = await api<SessionView>('/auth/session', { quiet401: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export async function login(body: LoginBody): Promise<SessionView> {
  const session = await api<SessionView>('/auth/login', { method: 'POST', body, quiet401: true });
  setCsrfToken(session.csrfToken);
  return session;
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/auth/logout', { method: 'POST', quiet401: true });
  } finally {
    setCsrfToken(null);
  }
}
