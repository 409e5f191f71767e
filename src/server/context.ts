import type { Db } from '../db/connect.js';
import type { Role } from '../modules/auth/permissions.js';

/** Who is acting: a signed-in user, an API token, or the system itself (CLI, demo loader). */
export interface Actor {
  type: 'user' | 'token' | 'system';
  /** user id, token id, or null for the system */
  id: string | null;
  /** what the audit trail shows: an e-mail, a token name, "system (cli)" */
  label: string;
  /** the user behind the action, when there is one */
  userId: string | null;
}

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
}

/** What every organisation-scoped service function receives. */
export interface OrgContext {
  db: Db;
  actor: Actor;
  org: OrgRef;
  role: Role;
  requestId: string | null;
}

export const systemActor = (label = 'system'): Actor => ({ type: 'system', id: null, label, userId: null });
