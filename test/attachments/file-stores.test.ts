/**
 * File stores across app nodes (issue 21, item 1; ADR 033): a file uploaded through one node is
 * downloaded through another when the bytes live in the database; a file whose bytes are not in
 * the store is a clear 404, never a 500; a file of several chunks comes back byte for byte; and
 * `kontakt files migrate` moves the disk's files into the database.
 * The S3 store (ADR 043) runs against s3rver, an S3-compatible server started on a random
 * loopback port: a photo uploaded through node A downloads through node B, a missing object is
 * the same 404, and `files migrate` fills the bucket from the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import {
  databaseFileStore,
  diskFileStore,
  FILE_CHUNK_BYTES,
  type FileStore,
  migrateFiles,
  s3Client,
  s3FileStore,
} from '../../src/server/attachments/file-store.js';
import { appealBody, routedQuestionType } from '../factories.js';
import { type ApiClient, startTestServer, type TestServer } from '../http.js';

let server: TestServer;
let operator: ApiClient;
let appealId: number;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer({ fileStore: 'database' });
  const { questionTypeId } = await routedQuestionType(server.ctx.deps);
  operator = await server.signIn('operator');
  appealId = (await operator.post<{ id: number }>('/api/v1/appeals', appealBody(questionTypeId)))
    .body.id;
  scratch = await mkdtemp(join(tmpdir(), 'kontakt-file-stores-'));
});
afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

/** Another app node on the same database, with its own file store. */
async function nodeWith(files: FileStore): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const app = await buildApp(
    { ...server.ctx.deps, files },
    { engine: server.ctx.database.engine, logger: false },
  );
  return { app, baseUrl: await app.listen({ port: 0, host: '127.0.0.1' }) };
}

async function upload(bytes: Buffer, name: string, type: string) {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await operator.request<{ id: number; url: string; sha256?: string }>(
    'POST',
    `/api/v1/appeals/${appealId}/attachments`,
    data,
  );
  expect(res.status).toBe(201);
  return res.body;
}

const download = (baseUrl: string, url: string) =>
  fetch(`${baseUrl}${url}`, { headers: { cookie: operator.cookie } });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A text file of `size` bytes (plain text is accepted as an attachment). */
function textOf(size: number): Buffer {
  return Buffer.from(
    randomBytes(Math.ceil(size / 2))
      .toString('hex')
      .slice(0, size),
    'latin1',
  );
}

describe('the database file store', () => {
  it('a file uploaded through node A downloads through node B', async () => {
    const bytes = textOf(5000);
    const stored = await upload(bytes, 'довідка.txt', 'text/plain');
    const nodeB = await nodeWith(databaseFileStore(server.ctx.deps.db, join(scratch, 'b-tmp')));
    try {
      const res = await download(nodeB.baseUrl, stored.url);
      expect(res.status).toBe(200);
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
    } finally {
      await nodeB.app.close();
    }
  });

  it('a file of several chunks comes back byte for byte', async () => {
    const bytes = textOf(2 * FILE_CHUNK_BYTES + 12345);
    const stored = await upload(bytes, 'large.txt', 'text/plain');
    const chunks = await server.ctx.deps.db
      .selectFrom('file_chunks as f')
      .innerJoin('attachments as a', 'a.storage_key', 'f.key')
      .select('f.seq')
      .where('a.id', '=', stored.id)
      .orderBy('f.seq')
      .execute();
    expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
    const res = await download(server.baseUrl, stored.url);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
  });

  it('a node whose store lacks the bytes answers 404 stored_file_missing, not 500', async () => {
    const stored = await upload(textOf(100), 'note.txt', 'text/plain');
    // A node with a disk store of its own: what node A put in the database is not on its disk.
    const nodeC = await nodeWith(diskFileStore(join(scratch, 'c-files')));
    try {
      const res = await download(nodeC.baseUrl, stored.url);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe('stored_file_missing');
    } finally {
      await nodeC.app.close();
    }
  });
});

describe('kontakt files migrate', () => {
  it('copies the disk files into the database, once', async () => {
    const disk = diskFileStore(join(scratch, 'disk-files'));
    const database = databaseFileStore(server.ctx.deps.db, join(scratch, 'db-tmp'));
    // A node on the disk store takes an upload; the database store does not have it yet.
    const diskNode = await nodeWith(disk);
    const bytes = textOf(3000);
    let url: string;
    try {
      const data = new FormData();
      data.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/plain' }), 'disk.txt');
      const res = await fetch(`${diskNode.baseUrl}/api/v1/appeals/${appealId}/attachments`, {
        method: 'POST',
        headers: { cookie: operator.cookie, origin: diskNode.baseUrl },
        body: data,
      });
      expect(res.status).toBe(201);
      url = ((await res.json()) as { url: string }).url;
    } finally {
      await diskNode.app.close();
    }
    expect((await download(server.baseUrl, url)).status).toBe(404);

    const first = await migrateFiles(server.ctx.deps.db, disk, database);
    expect(first.copied).toBe(1);
    const res = await download(server.baseUrl, url);
    expect(res.status).toBe(200);
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));

    const again = await migrateFiles(server.ctx.deps.db, disk, database);
    expect(again.copied).toBe(0);
    expect(again.present).toBe(first.copied + first.present);
  });
});

describe('the S3 file store (s3rver on this machine)', () => {
  const bucket = 'kontakt-test';
  let s3: S3rver;
  let endpoint: string;
  const client = () =>
    s3Client({
      endpoint,
      bucket,
      region: 'us-east-1',
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      forcePathStyle: true,
    });
  /** A node's own S3 store: its own client and temporary directory, the shared bucket. */
  const storeOf = (name: string) => s3FileStore(client(), bucket, join(scratch, `${name}-tmp`));

  beforeAll(async () => {
    s3 = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: join(scratch, 's3rver'),
    });
    const { port } = await s3.run();
    endpoint = `http://127.0.0.1:${port}`;
    await client().send(new CreateBucketCommand({ Bucket: bucket }));
  });
  afterAll(async () => {
    await s3?.close();
  });

  async function uploadThrough(baseUrl: string, bytes: Buffer, name: string, type: string) {
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${baseUrl}/api/v1/appeals/${appealId}/attachments`, {
      method: 'POST',
      headers: { cookie: operator.cookie, origin: baseUrl },
      body: data,
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { id: number; url: string };
  }

  it('a photo uploaded through node A downloads through node B', async () => {
    const photo = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 90, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const nodeA = await nodeWith(storeOf('a'));
    const nodeB = await nodeWith(storeOf('b'));
    try {
      const stored = await uploadThrough(nodeA.baseUrl, photo, 'яма.jpg', 'image/jpeg');
      const viaA = await download(nodeA.baseUrl, stored.url);
      const viaB = await download(nodeB.baseUrl, stored.url);
      expect(viaA.status).toBe(200);
      expect(viaB.status).toBe(200);
      expect(viaB.headers.get('content-type')).toMatch(/^image\/jpeg/);
      const bytesA = Buffer.from(await viaA.arrayBuffer());
      const bytesB = Buffer.from(await viaB.arrayBuffer());
      expect(sha256(bytesB)).toBe(sha256(bytesA));
      expect((await sharp(bytesB).metadata()).width).toBe(64);
      // The bytes are in the bucket, not in the database.
      const row = await server.ctx.deps.db
        .selectFrom('attachments')
        .select(['storage_key', 'sha256'])
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow();
      expect(row.sha256).toBe(sha256(bytesB));
      const chunks = await server.ctx.deps.db
        .selectFrom('file_chunks')
        .select('seq')
        .where('key', '=', row.storage_key)
        .execute();
      expect(chunks).toEqual([]);
    } finally {
      await nodeA.app.close();
      await nodeB.app.close();
    }
  });

  it('a file of several megabytes streams up and down byte for byte', async () => {
    const bytes = textOf(3 * FILE_CHUNK_BYTES + 777);
    const node = await nodeWith(storeOf('big'));
    try {
      const stored = await uploadThrough(node.baseUrl, bytes, 'large.txt', 'text/plain');
      const res = await download(node.baseUrl, stored.url);
      expect(res.status).toBe(200);
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
    } finally {
      await node.app.close();
    }
  });

  it('an object missing from the bucket answers 404 stored_file_missing, not 500', async () => {
    const node = await nodeWith(storeOf('gone'));
    try {
      const stored = await uploadThrough(node.baseUrl, textOf(200), 'gone.txt', 'text/plain');
      const { storage_key: key } = await server.ctx.deps.db
        .selectFrom('attachments')
        .select('storage_key')
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow();
      await client().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
      const res = await download(node.baseUrl, stored.url);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: string }).error).toBe('stored_file_missing');
    } finally {
      await node.app.close();
    }
  });

  it('kontakt files migrate --to s3 copies the database files into the bucket, once', async () => {
    const bytes = textOf(4000);
    const stored = await upload(bytes, 'to-s3.txt', 'text/plain');
    const database = databaseFileStore(server.ctx.deps.db, join(scratch, 'db2-tmp'));
    const bucketStore = storeOf('migrate');
    const first = await migrateFiles(server.ctx.deps.db, database, bucketStore);
    expect(first.copied).toBeGreaterThanOrEqual(1);
    const node = await nodeWith(storeOf('after'));
    try {
      const res = await download(node.baseUrl, stored.url);
      expect(res.status).toBe(200);
      expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(bytes));
    } finally {
      await node.app.close();
    }
    const again = await migrateFiles(server.ctx.deps.db, database, bucketStore);
    expect(again.copied).toBe(0);
  });
});
