import type { Db } from '../../db/connect.js';
import type { Actor } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { appendAudit } from '../audit-log/service.js';
import { hashPassword } from '../auth/passwords.js';
import { findUserByEmail } from '../auth/repo.js';
import { findOrgBySlug } from '../orgs/repo.js';
import * as repo from './repo.js';
import { createUserInput, type CreateUserInput, type CreateUserResult } from './schema.js';

/**
 * Creates an account and makes it a member of an organisation. An e-mail that already has an account (a
 * consultant serving several clients) is added to the organisation with its password unchanged.
 */
export async function createUser(db: Db, actor: Actor, input: CreateUserInput): Promise<CreateUserResult> {
  const data = createUserInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const org = await findOrgBySlug(tx, data.orgSlug);
    if (!org) throw new AppError('not_found', `Organisation "${data.orgSlug}" not found`);
    let user = await findUserByEmail(tx, data.email);
    const created = !user;
    user ??= await repo.insertUser(tx, {
      email: data.email.toLowerCase(),
      displayName: data.displayName ?? data.email.split('@')[0] ?? data.email,
      passwordHash,
      locale: data.locale,
    });
    if (await repo.findMembership(tx, org.id, user.id)) {
      throw new AppError('conflict', `${user.email} is already a member of ${org.slug}`);
    }
    await repo.insertMembership(tx, { orgId: org.id, userId: user.id, role: data.role });
    await appendAudit(tx, { orgId: org.id, actor, requestId: null }, [
      {
        action: 'member.add',
        entityType: 'membership',
        entityId: user.id,
        after: { email: user.email, displayName: user.displayName, role: data.role, newAccount: created },
      },
    ]);
    return { userId: user.id, email: user.email, org: org.slug, role: data.role, created };
  });
}
