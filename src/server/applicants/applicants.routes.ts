/** Applicants: lookup by phone (the intake screen's first step) and by id. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { errorResponses } from '../http/openapi.js';
import { findApplicantsByPhone, getApplicant } from './applicants.service.js';
import {
  applicantChangeSchema,
  applicantHistoryEntry,
  applicantListItem,
  applicantSearchQuery,
  applicantView,
  duplicateProposal,
  mergeSchema,
  mergeView,
} from '../../contract/applicants.schemas.js';
import { currentUser } from '../http/auth-plugin.js';
import { logPersonalDataRead } from '../audit/personal-data-reads.js';
import {
  applicantHistory,
  duplicateProposals,
  mergesOf,
  readApplicant,
  searchApplicants,
} from './applicant-records.queries.js';
import { updateApplicant } from './update-applicant.js';
import { mergeApplicants } from './merge-applicants.js';
import { undoMerge } from './undo-merge.js';

const idParams = z.object({ id: z.coerce.number().int().positive() });

export function applicantsRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/applicants',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags: ['applicants'],
          operationId: 'findApplicants',
          summary: 'Applicants with this phone number, in any spelling',
          querystring: z.object({ phone: z.string().trim().min(5).max(30) }),
          response: { 200: z.array(applicantView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const found = await findApplicantsByPhone(deps, request.query.phone);
        await logPersonalDataRead(
          deps.db,
          deps.now(),
          currentUser(request),
          found.map((a) => a.id),
          {
            via: 'applicant_search',
          },
        );
        return found;
      },
    );
    app.get(
      '/applicants/:id',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags: ['applicants'],
          operationId: 'getApplicant',
          params: z.object({ id: z.coerce.number().int().positive() }),
          response: { 200: applicantView, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const applicant = await getApplicant(deps.db, request.params.id);
        await logPersonalDataRead(deps.db, deps.now(), currentUser(request), [applicant.id], {
          via: 'applicant_page',
        });
        return applicant;
      },
    );

    // --- issue 14, item 8: search, edit with history, merge duplicates ----------------------
    const tags = ['applicants'];
    app.get(
      '/applicant-records',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags,
          operationId: 'searchApplicants',
          summary: 'Search by name, phone, e-mail or address (normal forms); the read is logged',
          querystring: applicantSearchQuery,
          response: { 200: z.array(applicantListItem), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => searchApplicants(deps, currentUser(request), request.query.q),
    );
    app.get(
      '/applicant-records/duplicates',
      {
        config: { access: 'applicant.merge' },
        schema: {
          tags,
          operationId: 'applicantDuplicates',
          summary: 'Likely duplicates: a shared phone, or the same name and address (folded)',
          querystring: z.object({ applicantId: z.coerce.number().int().positive().optional() }),
          response: { 200: z.array(duplicateProposal), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => duplicateProposals(deps, currentUser(request), request.query.applicantId),
    );
    app.get(
      '/applicant-records/:id',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags,
          operationId: 'getApplicantRecord',
          summary: 'An applicant with the count of appeals (the read is logged)',
          params: idParams,
          response: { 200: applicantListItem, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => readApplicant(deps, currentUser(request), request.params.id),
    );
    app.get(
      '/applicant-records/:id/history',
      {
        config: { access: 'applicant.read' },
        schema: {
          tags,
          operationId: 'applicantHistory',
          summary: 'Edits and merges of an applicant, newest first, with the merges to undo',
          params: idParams,
          response: {
            200: z.object({ entries: z.array(applicantHistoryEntry), merges: z.array(mergeView) }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => ({
        entries: await applicantHistory(deps.db, request.params.id),
        merges: await mergesOf(deps.db, request.params.id),
      }),
    );
    app.patch(
      '/applicant-records/:id',
      {
        config: { access: 'applicant.write', auditedInTransaction: true },
        schema: {
          tags,
          operationId: 'updateApplicant',
          summary: 'Edit an applicant (history: before → after in the audit log)',
          params: idParams,
          body: applicantChangeSchema,
          response: { 200: applicantListItem, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        updateApplicant(deps, currentUser(request), request.params.id, request.body),
    );
    app.post(
      '/applicant-records/merges',
      {
        config: { access: 'applicant.merge', auditedInTransaction: true },
        schema: {
          tags,
          operationId: 'mergeApplicants',
          summary: 'Merge a duplicate into the survivor: appeals and contacts move; undoable',
          body: mergeSchema,
          response: { 201: mergeView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await mergeApplicants(deps, currentUser(request), request.body)),
    );
    app.post(
      '/applicant-records/merges/:id/undo',
      {
        config: { access: 'applicant.merge', auditedInTransaction: true },
        schema: {
          tags,
          operationId: 'undoApplicantMerge',
          summary: 'Undo a merge: the moved appeals go back, the merged applicant stands again',
          params: idParams,
          response: { 200: mergeView, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => undoMerge(deps, currentUser(request), request.params.id),
    );
  };
}
