import type { CreatedToken, CreateTokenInput, TokenView } from '@contracts/tokens/schema.js';
import { api } from './client';

const base = (org: string) => `/orgs/${encodeURIComponent(org)}/tokens`;

export const listTokens = (org: string): Promise<{ items: TokenView[] }> => api<{ items: TokenView[] }>(base(org));

export const createToken = (org: string, body: CreateTokenInput): Promise<CreatedToken> =>
  api<CreatedToken>(base(org), { method: 'POST', body });

export const revokeToken = (org: string, id: string): Promise<TokenView> =>
  api<TokenView>(`${base(org)}/${encodeURIComponent(id)}/revoke`, { method: 'POST' });
