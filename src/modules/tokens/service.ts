import { randomSecret, sha256Hex } from '../../lib/secrets.js';
import type { OrgContext } from '../../server/context.js';
import { forbidden, notFound } from '../../server/errors.js';
import { withAudit } from '../audit-log/service.js';
import { can, isRole, type Role } from '../auth/permissions.js';
import { TOKEN_PREFIX } from '../auth/service.js';
import * as repo from './repo.js';
import { createTokenInput, type CreatedToken, type CreateTokenInput, type TokenView } from './schema.js';

function present(t: repo.TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    role: (isRole(t.role) ? t.role : 'viewer') satisfies Role,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  };
}

/** Creates an API token for the organisation. Only its SHA-256 is stored; the token is returned once. */
export async function createToken(ctx: OrgContext, input: CreateTokenInput): Promise<CreatedToken> {
  if (!can(ctx.role, 'token.manage')) throw forbidden();
  const data = createTokenInput.parse(input);
  const token = `${TOKEN_PREFIX}${randomSecret()}`;
  const row = await withAudit(ctx, async (tx, audit) => {
    const created = await repo.insertToken(tx, {
      orgId: ctx.org.id,
      name: data.name,
      role: data.role,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      createdBy: ctx.actor.userId,
      expiresAt: new Date(Date.now() + data.expiresInDays * 86_400_000),
    });
    audit({ action: 'token.create', entityType: 'api_token', entityId: created.id, after: present(created) });
    return created;
  });
  return { ...present(row), token };
}

export async function listTokens(ctx: OrgContext): Promise<TokenView[]> {
  if (!can(ctx.role, 'token.manage')) throw forbidden();
  return (await repo.listTokens(ctx.db, ctx.org.id)).map(present);
}

export async function revokeToken(ctx: OrgContext, id: string): Promise<TokenView> {
  if (!can(ctx.role, 'token.manage')) throw forbidden();
  return withAudit(ctx, async (tx, audit) => {
    const before = await repo.findToken(tx, ctx.org.id, id);
    if (!before) throw notFound('Token');
    if (before.revokedAt) return present(before);
    const after = await repo.revoke(tx, ctx.org.id, id, new Date());
    if (!after) throw notFound('Token');
    audit({ action: 'token.revoke', entityType: 'api_token', entityId: id, before: present(before), after: present(after) });
    return present(after);
  });
}
