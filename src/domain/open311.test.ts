import { describe, expect, it } from 'vitest';
import {
  listParameter,
  open311Status,
  requestsPage,
  requestsWindow,
  statusesOfOpen311,
} from './open311.js';
import { APPEAL_STATUSES } from './vocabulary.js';

const now = new Date('2025-09-30T12:00:00Z');
const day = 86_400_000;

describe('GET requests window (90 days by default)', () => {
  it.each([
    [{}, new Date(now.getTime() - 90 * day), now],
    [{ startDate: new Date('2025-09-01T00:00:00Z') }, new Date('2025-09-01T00:00:00Z'), now],
    [
      { endDate: new Date('2025-06-30T00:00:00Z') },
      new Date(new Date('2025-06-30T00:00:00Z').getTime() - 90 * day),
      new Date('2025-06-30T00:00:00Z'),
    ],
    [
      { startDate: new Date('2024-01-01T00:00:00Z'), endDate: new Date('2025-01-01T00:00:00Z') },
      new Date('2024-01-01T00:00:00Z'),
      new Date('2025-01-01T00:00:00Z'),
    ],
  ])('%o → window', (input, from, to) => {
    expect(requestsWindow({ ...input, now })).toEqual({ ok: true, window: { from, to } });
  });

  it('refuses a start after the end', () => {
    expect(
      requestsWindow({
        startDate: new Date('2025-09-02T00:00:00Z'),
        endDate: new Date('2025-09-01T00:00:00Z'),
        now,
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('paging (page/page_size, at most 1,000)', () => {
  it.each([
    [{}, { offset: 0, limit: 1000 }],
    [{ pageSize: 50 }, { offset: 0, limit: 50 }],
    [
      { page: 3, pageSize: 50 },
      { offset: 100, limit: 50 },
    ],
    [{ pageSize: 5000 }, { offset: 0, limit: 1000 }],
    [
      { page: 0, pageSize: 0 },
      { offset: 0, limit: 1 },
    ],
  ])('%o → %o', (input, expected) => {
    expect(requestsPage(input)).toEqual(expected);
  });
});

describe('statuses', () => {
  it.each(APPEAL_STATUSES.map((s) => [s, s === 'closed' ? 'closed' : 'open']))(
    '%s is %s',
    (status, expected) => {
      expect(open311Status(status)).toBe(expected);
    },
  );
  it('open selects every open status', () => {
    expect(statusesOfOpen311('open')).toEqual(['registered', 'in_work', 'on_check', 'rework']);
    expect(statusesOfOpen311('closed')).toEqual(['closed']);
  });
});

describe('list parameters', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    [' , ', undefined],
    ['1,2, 2 ,3', ['1', '2', '3']],
  ])('%s → %o', (input, expected) => {
    expect(listParameter(input)).toEqual(expected);
  });
});
