/**
 * The Dockerfile linter CI runs instead of building the image when Docker is absent: the real
 * Dockerfile passes, and each rule catches what it names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintDockerfile } from '../../deploy/lint-dockerfile.js';

const GOOD = [
  'FROM node:20.20-bookworm-slim AS build',
  'WORKDIR /app',
  'RUN npm ci',
  'FROM node:20.20-bookworm-slim',
  'COPY --from=build /app /app',
  'USER node',
  'HEALTHCHECK CMD ["node", "-e", "process.exit(0)"]',
  'CMD ["node", "bin/kontakt.mjs", "serve"]',
].join('\n');

const rules = (text: string) => lintDockerfile(text).map((f) => f.rule);

describe('lintDockerfile', () => {
  it('passes the repository Dockerfile', () => {
    expect(lintDockerfile(readFileSync('Dockerfile', 'utf8'))).toEqual([]);
  });

  it('passes a minimal good file', () => {
    expect(rules(GOOD)).toEqual([]);
  });

  it.each([
    [
      'untagged base image',
      GOOD.replace('FROM node:20.20-bookworm-slim\n', 'FROM node\n'),
      'DL3006',
    ],
    ['latest', GOOD.replace('FROM node:20.20-bookworm-slim\n', 'FROM node:latest\n'), 'DL3007'],
    ['one stage', GOOD.split('\n').slice(3).join('\n').replace('--from=build ', ''), 'multi-stage'],
    ['no USER', GOOD.replace('USER node\n', ''), 'DL3002'],
    ['root USER', GOOD.replace('USER node', 'USER root'), 'DL3002'],
    ['no HEALTHCHECK', GOOD.replace(/HEALTHCHECK.*\n/, ''), 'healthcheck'],
    ['shell-form CMD', GOOD.replace(/CMD \[.*\]$/, 'CMD node bin/kontakt.mjs serve'), 'DL3025'],
    ['ADD of files', `${GOOD}\nADD . /app`, 'DL3020'],
    ['relative WORKDIR', GOOD.replace('WORKDIR /app', 'WORKDIR app'), 'DL3000'],
    ['sudo', `${GOOD}\nRUN sudo ls`, 'DL3004'],
    ['apt-get without --no-install-recommends', `${GOOD}\nRUN apt-get install -y curl`, 'DL3015'],
    ['npm install', GOOD.replace('RUN npm ci', 'RUN npm install'), 'DL3016-npm'],
    ['MAINTAINER', `${GOOD}\nMAINTAINER someone`, 'DL4000'],
    ['a secret in ENV', `${GOOD}\nENV DB_PASSWORD=hunter2`, 'secret-env'],
  ])('%s', (_name, text, rule) => {
    expect(rules(text)).toContain(rule);
  });
});
