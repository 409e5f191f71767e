import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import {
  attestationList,
  attestationListQuery,
  attestationView,
  createAttestationInput,
  expiringQuery,
  updateAttestationInput,
} from './schema.js';
import {
  archiveAttestation,
  createAttestation,
  expiringAttestations,
  getAttestation,
  listAttestations,
  restoreAttestation,
  updateAttestation,
} from './service.js';

const tags = ['vendor attestations'];

export function vendorAttestationRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/vendors/:id/attestations',
    {
      schema: {
        tags,
        summary: "A vendor's certificates and audit reports",
        params: orgIdParams,
        querystring: attestationListQuery,
        response: { 200: attestationList },
      },
    },
    async (request) => listAttestations(await orgContext(db, request, request.params.org), request.params.id, request.query),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/attestations',
    {
      schema: {
        tags,
        summary: 'Record an attestation a vendor holds',
        params: orgIdParams,
        body: createAttestationInput,
        response: { 201: attestationView },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createAttestation(await orgContext(db, request, request.params.org), request.params.id, request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/vendor-attestations/expiring',
    {
      schema: {
        tags,
        summary: 'Attestations that expired or end within 60 days (or withinDays)',
        params: orgParams,
        querystring: expiringQuery,
        response: { 200: attestationList },
      },
    },
    async (request) => expiringAttestations(await orgContext(db, request, request.params.org), request.query),
  );

  app.get(
    '/api/v1/orgs/:org/vendor-attestations/:id',
    { schema: { tags, summary: 'One attestation', params: orgIdParams, response: { 200: attestationView } } },
    async (request) => getAttestation(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/vendor-attestations/:id',
    {
      schema: {
        tags,
        summary: 'Change an attestation',
        params: orgIdParams,
        body: updateAttestationInput,
        response: { 200: attestationView },
      },
    },
    async (request) => updateAttestation(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-attestations/:id/archive',
    { schema: { tags, summary: 'Archive an attestation', params: orgIdParams, response: { 200: attestationView } } },
    async (request) => archiveAttestation(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/vendor-attestations/:id/restore',
    { schema: { tags, summary: 'Bring an archived attestation back', params: orgIdParams, response: { 200: attestationView } } },
    async (request) => restoreAttestation(await orgContext(db, request, request.params.org), request.params.id),
  );
}
