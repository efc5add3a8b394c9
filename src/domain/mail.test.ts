import { describe, expect, it } from 'vitest';
import { automaticReason, quotedTrackingNumber } from './mail.js';

const headers = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));

describe('automatic messages are recognised', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'text/plain', 'olena@example.org', 'auto-submitted'],
    [{ 'Auto-Submitted': 'auto-generated' }, 'text/plain', 'olena@example.org', 'auto-submitted'],
    [{ 'Auto-Submitted': 'no' }, 'text/plain', 'olena@example.org', null],
    [{ 'X-Autoreply': 'yes' }, 'text/plain', 'olena@example.org', 'x-autoreply'],
    [{ 'X-Autorespond': 'Out of office' }, 'text/plain', 'olena@example.org', 'x-autoreply'],
    [{ Precedence: 'bulk' }, 'text/plain', 'news@example.org', 'precedence'],
    [{ Precedence: 'auto_reply' }, 'text/plain', 'olena@example.org', 'precedence'],
    [{ 'List-Id': '<city.lists.example.org>' }, 'text/plain', 'list@example.org', 'mailing-list'],
    [{}, 'multipart/report; report-type=delivery-status', 'x@example.org', 'report'],
    [{ 'Return-Path': '<>' }, 'text/plain', 'x@example.org', 'bounce'],
    [{}, 'text/plain', 'MAILER-DAEMON@mx.example.org', 'bounce'],
    [{}, 'text/plain', 'postmaster@example.org', 'bounce'],
    [{}, 'multipart/mixed', 'olena@example.org', null],
  ])('%j %s from %s → %s', (h, type, from, reason) => {
    expect(automaticReason(headers(h), type, from)).toBe(reason);
  });
});

describe('a quoted receipt number', () => {
  it.each([
    ['Re: Ваше звернення отримано: P-2026-000123', 'P-2026-000123'],
    ['RE: p-2026-0001234 доповнення', 'P-2026-0001234'],
    ['Протікає дах', null],
    ['номер 2026-000123', null],
  ])('%s → %s', (text, number) => {
    expect(quotedTrackingNumber(text)).toBe(number);
  });
});
