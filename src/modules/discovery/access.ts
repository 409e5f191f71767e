import { can, type Role } from '../auth/permissions.js';

/** Decisions, links and the organisation's catalogue concern the whole organisation's AI use, not one system. */
export const mayManageDiscovery = (role: Role): boolean => can(role, 'discovery.manage');
