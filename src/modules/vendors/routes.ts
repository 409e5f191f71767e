import { orgContext } from '../../server/auth-plugin.js';
import { type App, type RouteDeps } from '../../server/types.js';
import { orgIdParams, orgParams } from '../orgs/schema.js';
import { createVendorInput, updateVendorInput, vendorListQuery, vendorPage, vendorView } from './schema.js';
import { archiveVendor, createVendor, getVendor, listVendors, restoreVendor, updateVendor } from './service.js';

const tags = ['vendors'];

export function vendorRoutes(app: App, { db }: RouteDeps): void {
  app.get(
    '/api/v1/orgs/:org/vendors',
    { schema: { tags, summary: 'List vendors', params: orgParams, querystring: vendorListQuery, response: { 200: vendorPage } } },
    async (request) => listVendors(await orgContext(db, request, request.params.org), request.query),
  );

  app.post(
    '/api/v1/orgs/:org/vendors',
    { schema: { tags, summary: 'Add a vendor', params: orgParams, body: createVendorInput, response: { 201: vendorView } } },
    async (request, reply) => reply.code(201).send(await createVendor(await orgContext(db, request, request.params.org), request.body)),
  );

  app.get(
    '/api/v1/orgs/:org/vendors/:id',
    { schema: { tags, summary: 'One vendor', params: orgIdParams, response: { 200: vendorView } } },
    async (request) => getVendor(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.patch(
    '/api/v1/orgs/:org/vendors/:id',
    { schema: { tags, summary: 'Change a vendor', params: orgIdParams, body: updateVendorInput, response: { 200: vendorView } } },
    async (request) => updateVendor(await orgContext(db, request, request.params.org), request.params.id, request.body),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/archive',
    { schema: { tags, summary: 'Archive a vendor', params: orgIdParams, response: { 200: vendorView } } },
    async (request) => archiveVendor(await orgContext(db, request, request.params.org), request.params.id),
  );

  app.post(
    '/api/v1/orgs/:org/vendors/:id/restore',
    { schema: { tags, summary: 'Bring an archived vendor back', params: orgIdParams, response: { 200: vendorView } } },
    async (request) => restoreVendor(await orgContext(db, request, request.params.org), request.params.id),
  );
}
