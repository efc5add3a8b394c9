/**
 * Photos (issue 11, item 14): EXIF (GPS, device) and other metadata are removed on arrival after
 * turning the image upright by its orientation tag, on the staff upload and on the portal's;
 * bidi controls leave file names; Content-Disposition follows RFC 6266 / 5987.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDisposition, safeFileName } from '../../src/domain/file-names.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let appealId: number;
let questionTypeId: number;

/** A 40×20 photo taken "rotated" (orientation 6: shown turned 90° clockwise) with GPS and a camera. */
async function photoWithExif(format: 'jpeg' | 'webp' | 'png'): Promise<Buffer> {
  const image = sharp({
    create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 30 } },
  })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Secret Phone 9', Artist: 'Іван Тестовий' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '50/1 27/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '30/1 31/1 0/1',
      },
    });
  const out = format === 'jpeg' ? image.jpeg() : format === 'webp' ? image.webp() : image.png();
  return out.toBuffer();
}

function form(bytes: Buffer, name: string, type: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return data;
}

beforeAll(async () => {
  server = await startTestServer();
  questionTypeId = (await routedQuestionType(server.ctx.deps)).questionTypeId;
  operator = await server.signIn('operator');
  appealId = (await operator.post<{ id: number }>('/api/v1/appeals', appealBody(questionTypeId)))
    .body.id;
});
afterAll(() => server.close());

describe('EXIF removal', () => {
  it('the test photo really carries EXIF, GPS and an orientation', async () => {
    const meta = await sharp(await photoWithExif('jpeg')).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.toString('latin1')).toContain('Secret Phone 9');
  });

  it.each([
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
    ['png', 'image/png'],
  ] as const)('a %s upload is stored upright with no metadata', async (format, type) => {
    const up = await operator.request<{ url: string; sizeBytes: number }>(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(await photoWithExif(format), `photo.${format}`, type),
    );
    expect(up.status).toBe(201);
    const down = await fetch(`${server.baseUrl}${up.body.url}`, {
      headers: { cookie: operator.cookie },
    });
    const bytes = Buffer.from(await down.arrayBuffer());
    expect(bytes.length).toBe(up.body.sizeBytes);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // Turned upright: 40×20 with orientation 6 is shown 20 wide and 40 high.
    expect([meta.width, meta.height]).toEqual([20, 40]);
    expect(bytes.toString('latin1')).not.toContain('Secret Phone');
    expect(bytes.toString('latin1')).not.toContain('TestCam');
  });

  it('a portal photo loses its GPS position too', async () => {
    const storedKeys = async () =>
      (await server.ctx.deps.db.selectFrom('attachments').select('storage_key').execute()).map(
        (r) => r.storage_key,
      );
    const before = new Set(await storedKeys());
    const sub = await server
      .anonymous()
      .post<{ trackingNumber: string; accessCode: string }>('/api/public/submissions', {
        questionTypeId,
        description: 'Яма на дорозі біля будинку',
        address: 'вул. Тестова, 3',
        applicant: { name: 'Тест Фото', phone: '067 111 22 99' },
        consent: true,
      });
    expect(sub.status).toBe(201);
    const up = await server
      .anonymous()
      .request(
        'POST',
        `/api/public/submissions/${sub.body.trackingNumber}/photos`,
        form(await photoWithExif('jpeg'), 'яма.jpg', 'image/jpeg'),
        { 'x-access-code': sub.body.accessCode },
      );
    expect(up.status).toBeLessThan(300);
    // Only this test's upload: the other tests' files may or may not be there (any order).
    const keys = (await storedKeys()).filter((key) => !before.has(key));
    expect(keys).toHaveLength(1);
    for (const key of keys) {
      const stream = await server.ctx.deps.files.read(key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).toString('latin1')).not.toContain('Secret Phone');
    }
  });
});

describe('file names', () => {
  it.each([
    ['photo\u202Egpj.exe', 'photogpj.exe'],
    ['\u2067звіт\u2069.pdf', 'звіт.pdf'],
    ['a\u0000b.txt', 'ab.txt'],
    ['..\\..\\etc/passwd', '.._.._etc_passwd'],
    ['И\u0306.jpg', 'Й.jpg'],
    ['\u200B', 'file'],
  ])('%j is stored as %j', (name, stored) => {
    expect(safeFileName(name)).toBe(stored);
  });

  it('Content-Disposition by RFC 6266 / 5987', () => {
    expect(contentDisposition('attachment', "Фото (1)'s.jpg")).toBe(
      `attachment; filename="____ (1)'s.jpg"; filename*=UTF-8''%D0%A4%D0%BE%D1%82%D0%BE%20%281%29%27s.jpg`,
    );
  });

  it('a name with a right-to-left override is served cleaned', async () => {
    const up = await operator.request<{ url: string; fileName: string }>(
      'POST',
      `/api/v1/appeals/${appealId}/attachments`,
      form(Buffer.from('звіт'), 'report\u202Etxt.exe.txt', 'text/plain'),
    );
    expect(up.status).toBe(201);
    expect(up.body.fileName).toBe('reporttxt.exe.txt');
    const down = await fetch(`${server.baseUrl}${up.body.url}`, {
      headers: { cookie: operator.cookie },
    });
    expect(down.headers.get('content-disposition')).toBe(
      `attachment; filename="reporttxt.exe.txt"; filename*=UTF-8''reporttxt.exe.txt`,
    );
  });
});
