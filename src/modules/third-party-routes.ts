import type { App, RouteDeps } from '../server/types.js';
import { residencyRoutes } from './residency/routes.js';
import { vendorAssessmentRoutes } from './vendor-assessments/routes.js';
import { vendorLinkRoutes } from './vendor-assessments/link-routes.js';
import { loadQuestionnaires } from './vendor-assessments/load.js';
import { vendorAttestationRoutes } from './vendor-attestations/routes.js';
import { loadClauseCatalog } from './vendor-contracts/clauses.js';
import { vendorContractRoutes } from './vendor-contracts/routes.js';
import { vendorFeatureRoutes } from './vendor-features/routes.js';

/**
 * Third-party AI governance: due diligence (with the vendor's one-time link), contracts and their AI clauses,
 * attestations, AI features in vendors' products, and data residency. The questionnaires and the clause catalogue
 * are validated here, so a broken catalogue file stops the start with its reasons.
 */
export function thirdPartyRoutes(app: App, deps: RouteDeps): void {
  loadQuestionnaires();
  loadClauseCatalog(deps.catalog);
  vendorAssessmentRoutes(app, deps);
  vendorLinkRoutes(app, deps);
  vendorContractRoutes(app, deps);
  vendorAttestationRoutes(app, deps);
  vendorFeatureRoutes(app, deps);
  residencyRoutes(app, deps);
}
