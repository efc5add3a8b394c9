/**
 * The read replica's pure parts (ADR 054): WAL positions compared as numbers, the lag from what
 * the two servers say, and which errors are the replica's fault (a retry on the primary) rather
 * than the query's. The replica itself is tested on a real standby: test/db/read-replica.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { isReplicaFault, lsnBytes, replayLag } from './read-replica.js';

describe('the read replica, without a server', () => {
  it('compares WAL positions by both halves', () => {
    expect(lsnBytes('0/3000060')).toBe(0x3000060n);
    expect(lsnBytes('1/0') > lsnBytes('0/FFFFFFFF')).toBe(true);
    expect(() => lsnBytes('3000060')).toThrow('not a WAL position');
  });

  it.each([
    [
      'replayed up to the flushed WAL, last transaction long ago: no lag',
      '0/5000',
      '0/5000',
      7200,
      0,
    ],
    ['replayed past what the primary had flushed when asked', '0/5000', '0/5100', 7200, 0],
    ['behind: the age of the newest transaction replayed', '0/5100', '0/5000', 12.5, 12.5],
    ['behind, the clocks a little apart: never negative', '0/5100', '0/5000', -0.2, 0],
    ['behind and nothing replayed since the start', '0/5100', '0/5000', null, Infinity],
    ['nothing replayed at all', '0/5100', null, null, Infinity],
  ] as const)('%s', (_, flushed, replayed, age, lag) => {
    expect(replayLag(flushed, replayed, age)).toBe(lag);
  });

  it.each([
    [
      'a refused connection',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      true,
    ],
    ['a lost connection', new Error('Connection terminated unexpectedly'), true],
    ['no connection in time', new Error('timeout exceeded when trying to connect'), true],
    [
      'the server shutting down',
      Object.assign(new Error('terminating connection'), { code: '57P01' }),
      true,
    ],
    [
      'a conflict with recovery',
      Object.assign(new Error('canceling statement'), { code: '40001' }),
      true,
    ],
    ['a connection failure by SQLSTATE', Object.assign(new Error('x'), { code: '08006' }), true],
    ['a query error', Object.assign(new Error('column does not exist'), { code: '42703' }), false],
    ['a refusal of ours', Object.assign(new Error('too wide'), { code: 'pivot_too_wide' }), false],
    ['not an error', 'ECONNREFUSED', false],
  ] as const)('%s: the replica’s fault is %s', (_, error, fault) => {
    expect(isReplicaFault(error)).toBe(fault);
  });
});
