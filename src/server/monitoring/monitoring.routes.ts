/**
 * Live monitoring's API (issue 18, ADR 048): `/api/v1/monitoring/…` — the alerts (alerts.handle:
 * supervisors and dispatchers) and the live counts (monitoring.read). The alerts also arrive live
 * on `GET /api/v1/live/stream?topics=alerts` (topics `alerts.raised`, `alerts.updated`,
 * `alerts.explained`, `alerts.acknowledged`; ADR 038).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  alertDetailView,
  alertListQuery,
  alertView,
  liveCountsQuery,
  liveCountsView,
  livePictureView,
  todayByDistrictView,
} from '../../contract/monitoring.schemas.js';
import { idParams } from '../../contract/common.js';
import { z } from 'zod';
import type { Deps } from '../context.js';
import { currentUser } from '../http/auth-plugin.js';
import { errorResponses } from '../http/openapi.js';
import { acknowledgeAlert, getAlert, listAlerts } from './alerts.service.js';
import { liveCounts } from './appeal-counts.js';
import { livePicture } from './live-picture.js';
import { todayByDistrict } from './today-by-district.js';
import {
  digestDayParams,
  digestFigures,
  digestListItem,
  digestQuery,
} from '../../contract/digest.schemas.js';
import { digestPdf } from './digest-render.js';
import { digestOf, listDigests } from './morning-digest.js';
import { presentAlert, presentAlertDetail } from './monitoring.presenter.js';

const tags = ['monitoring'];
const handle = { access: 'alerts.handle' } as const;

export function monitoringRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/monitoring/alerts',
      {
        config: handle,
        schema: {
          tags,
          operationId: 'listMonitoringAlerts',
          summary: 'Spikes of appeals by question type × district raised as alerts, newest first',
          querystring: alertListQuery,
          response: { 200: z.array(alertView), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => (await listAlerts(deps, request.query)).map(presentAlert),
    );
    app.get(
      '/monitoring/alerts/:id',
      {
        config: handle,
        schema: {
          tags,
          operationId: 'getMonitoringAlert',
          summary: 'One alert with the appeals behind it',
          params: idParams,
          response: { 200: alertDetailView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => presentAlertDetail(await getAlert(deps, request.params.id)),
    );
    app.post(
      '/monitoring/alerts/:id/acknowledge',
      {
        config: handle,
        schema: {
          tags,
          operationId: 'acknowledgeMonitoringAlert',
          summary: 'Acknowledge an alert (who and when are recorded once)',
          params: idParams,
          response: { 200: alertView, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) =>
        presentAlert(await acknowledgeAlert(deps, currentUser(request), request.params.id)),
    );
    app.get(
      '/monitoring/counts',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'liveCounts',
          summary: 'Appeals by question type × kind × district over the last hours (live counts)',
          querystring: liveCountsQuery,
          response: { 200: liveCountsView, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => liveCounts(deps.db, deps.now(), request.query.hours),
    );
    app.get(
      '/monitoring/picture',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'livePicture',
          summary: "The head's live picture: rising question types, the queues, the operators",
          description:
            'Question types rising city-wide over the last hour and 3 hours against the same hours of ' +
            'previous weeks (the spike detector’s baseline, ADR 048; not a test), the queues (not routed, ' +
            'new, due soon, overdue, on check, moderation, call-back) and the operators signed in or ' +
            'registering today with their appeals and consultations today and in the last 60 minutes.',
          response: { 200: livePictureView, ...errorResponses(401, 403) },
        },
      },
      async () => livePicture(deps),
    );
    app.get(
      '/monitoring/today-by-district',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'todayByDistrict',
          summary:
            "Today's appeals by district and question type (the head's map), from the live counts",
          response: { 200: todayByDistrictView, ...errorResponses(401, 403) },
        },
      },
      async () => todayByDistrict(deps),
    );
    app.get(
      '/monitoring/digests',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'listMorningDigests',
          summary: 'The morning digests made (the last 60 days), newest first',
          response: { 200: z.array(digestListItem), ...errorResponses(401, 403) },
        },
      },
      async () => listDigests(deps.db),
    );
    app.get(
      '/monitoring/digests/:day',
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          operationId: 'getMorningDigest',
          summary: 'One day’s morning digest: its stored figures, or the PDF the e-mail carried',
          params: digestDayParams,
          querystring: digestQuery,
          response: { 200: digestFigures, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const figures = await digestOf(deps.db, request.params.day);
        if (request.query.format === 'json') return figures;
        // Files bypass the JSON schema: Fastify sends buffers unserialised.
        return reply
          .header('Content-Type', 'application/pdf')
          .header(
            'Content-Disposition',
            `inline; filename="kontakt-digest-${request.params.day}.pdf"`,
          )
          .send((await digestPdf(figures, request.query.lang)) as never);
      },
    );
  };
}
