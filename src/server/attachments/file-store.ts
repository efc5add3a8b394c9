/**
 * Where attachment bytes live. The disk store keeps them under `<data dir>/files`; an
 * S3-compatible store can implement the same interface for several app nodes.
 */
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  /** Move a finished temporary file into the store under `key`. */
  adopt(tempPath: string, key: string): Promise<void>;
  /** A stream of the stored bytes. @throws when the key is unknown. */
  read(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** A directory for temporary uploads on the same file system (so adopt is a rename). */
  tempDir(): string;
}

export function diskFileStore(root: string): FileStore {
  const pathOf = (key: string): string => {
    if (!/^[\w/-]+$/.test(key) || key.includes('..')) throw new Error(`Bad storage key: ${key}`);
    return join(root, key);
  };
  return {
    async adopt(tempPath, key) {
      const target = pathOf(key);
      await mkdir(dirname(target), { recursive: true });
      await rename(tempPath, target);
    },
    async read(key) {
      const path = pathOf(key);
      await stat(path);
      return createReadStream(path);
    },
    async remove(key) {
      await rm(pathOf(key), { force: true });
    },
    tempDir: () => join(root, 'tmp'),
  };
}
