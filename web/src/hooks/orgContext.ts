import { createContext } from 'react';
import type { OrgWithAccess } from '@contracts/orgs/schema.js';

/** The organisation the user is working in (from the URL), with their role and abilities. */
export const OrgContext = createContext<OrgWithAccess | null>(null);
