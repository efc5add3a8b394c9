/**
 * The applicant sees their own photos on the tracking page (issue 12 item 15): the tracking view
 * lists them, and each is fetched by POST with the number and code — not with a wrong code, and
 * never another submission's photo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../http.js';
import {
  form,
  png,
  portalQuestionType,
  type Receipt,
  submissionBody,
  submit,
} from './portal-helpers.js';

let server: TestServer;
let questionTypeId: number;

beforeAll(async () => {
  server = await startTestServer();
  ({ questionTypeId } = await portalQuestionType(server.ctx.deps));
});
afterAll(() => server.close());

async function submitWithPhoto(variant: number): Promise<{ receipt: Receipt; photoId: number }> {
  const citizen = server.anonymous();
  const res = await submit(citizen, submissionBody(questionTypeId));
  expect(res.status).toBe(201);
  const photo = await citizen.request<{ id: number }>(
    'POST',
    `/api/public/submissions/${res.body.trackingNumber}/photos`,
    form(png(variant), `яма-${variant}.png`, 'image/png'),
    { 'x-access-code': res.body.accessCode },
  );
  expect(photo.status).toBe(201);
  return { receipt: res.body, photoId: photo.body.id };
}

describe('the applicant’s own photos', () => {
  it('are listed by the tracking view and opened with the number and code', async () => {
    const { receipt, photoId } = await submitWithPhoto(11);
    const citizen = server.anonymous();
    const view = await citizen.post<{
      photos: number;
      photoFiles: { id: number; fileName: string }[];
    }>('/api/public/tracking', { number: receipt.trackingNumber, accessCode: receipt.accessCode });
    expect(view.status).toBe(200);
    expect(view.body.photos).toBe(1);
    expect(view.body.photoFiles).toEqual([
      expect.objectContaining({ id: photoId, fileName: 'яма-11.png', mediaType: 'image/png' }),
    ]);

    const response = await fetch(`${server.baseUrl}/api/public/tracking/photos/${photoId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify({ number: receipt.trackingNumber, accessCode: receipt.accessCode }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  });

  it('are not opened with a wrong code, nor another submission’s photo with one’s own code', async () => {
    const mine = await submitWithPhoto(12);
    const theirs = await submitWithPhoto(13);
    const citizen = server.anonymous();
    const wrong = await citizen.post(`/api/public/tracking/photos/${mine.photoId}`, {
      number: mine.receipt.trackingNumber,
      accessCode: 'AAAAA-AAAAA',
    });
    expect([wrong.status, wrong.body.error]).toEqual([404, 'tracking_not_found']);
    const other = await citizen.post(`/api/public/tracking/photos/${theirs.photoId}`, {
      number: mine.receipt.trackingNumber,
      accessCode: mine.receipt.accessCode,
    });
    expect([other.status, other.body.error]).toEqual([404, 'attachment_not_found']);
  });
});
