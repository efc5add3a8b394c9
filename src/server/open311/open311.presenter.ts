/**
 * How Open311 answers look: JSON as the contract's views, or the standard's XML, chosen by the URL's
 * extension; errors as the standard's `{code, description}` list in the same format.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type {
  discoveryView,
  postedRequestView,
  RequestView,
  serviceDefinitionView,
  serviceView,
  tokenView,
} from '../../contract/open311.schemas.js';
import { fieldsOf, xmlDocument, xmlList, type XmlChild } from './open311-xml.js';

export type Format = 'json' | 'xml';

/** The format a URL asks for: `.json` → json, anything else → xml (the standard's default). */
export function formatOf(request: FastifyRequest): Format {
  const path = request.url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

export function send(
  reply: FastifyReply,
  format: Format,
  status: number,
  json: unknown,
  xml: string,
) {
  if (format === 'json') return reply.status(status).send(json);
  return reply.status(status).type('text/xml; charset=utf-8').send(xml);
}

export function sendErrors(
  reply: FastifyReply,
  format: Format,
  status: number,
  list: { code: number; description: string }[],
) {
  return send(
    reply,
    format,
    status,
    list,
    xmlList('errors', 'error', list, (e) => fieldsOf(e, ['code', 'description'])),
  );
}

const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
] as const;

/** A list of service requests (GET requests, GET requests/{id}) in the asked format. */
export function sendRequests(reply: FastifyReply, format: Format, list: RequestView[]) {
  return send(
    reply,
    format,
    200,
    list,
    xmlList('service_requests', 'request', list, (r) => fieldsOf(r, REQUEST_FIELDS)),
  );
}

const SERVICE_FIELDS = [
  'service_code',
  'metadata',
  'type',
  'keywords',
  'group',
  'service_name',
  'description',
] as const;

export function localeOf(query: { locale?: 'uk' | 'en' | undefined }): 'uk' | 'en' {
  return query.locale ?? 'uk';
}

/** The discovery document in XML. */
export function discoveryXml(d: z.infer<typeof discoveryView>): string {
  return xmlDocument('discovery', [
    ['changeset', d.changeset],
    ['contact', d.contact],
    ['key_service', d.key_service],
    [
      'endpoints',
      d.endpoints.map((e): XmlChild => [
        'endpoint',
        [
          ['specification', e.specification],
          ['url', e.url],
          ['changeset', e.changeset],
          ['type', e.type],
          ['formats', e.formats.map((f): XmlChild => ['format', f])],
        ],
      ]),
    ],
  ]);
}

/** The services list in XML. */
export function servicesXml(list: z.infer<typeof serviceView>[]): string {
  return xmlList('services', 'service', list, (s) => fieldsOf(s, SERVICE_FIELDS));
}

/** A service definition with its attributes in XML. */
export function serviceDefinitionXml(definition: z.infer<typeof serviceDefinitionView>): string {
  return xmlDocument('service_definition', [
    ['service_code', definition.service_code],
    [
      'attributes',
      definition.attributes.map((a): XmlChild => [
        'attribute',
        [
          ['variable', a.variable],
          ['code', a.code],
          ['datatype', a.datatype],
          ['required', a.required],
          ['datatype_description', a.datatype_description],
          ['order', a.order],
          ['description', a.description],
          [
            'values',
            a.values.map((v): XmlChild => [
              'value',
              [
                ['key', v.key],
                ['name', v.name],
              ],
            ]),
          ],
        ],
      ]),
    ],
  ]);
}

/** A token's status (the request id once the moderator registered it) in XML. */
export function tokenXml(status: z.infer<typeof tokenView>): string {
  return xmlList('service_requests', 'request', [status], (t) =>
    t.service_request_id !== undefined
      ? [
          ['service_request_id', t.service_request_id],
          ['token', t.token],
        ]
      : [['token', t.token]],
  );
}

/** The token a posted request gets, in XML. */
export function postedXml(posted: z.infer<typeof postedRequestView>): string {
  return xmlList('service_requests', 'request', [posted], (p) => fieldsOf(p, ['token']));
}
