import { describe, expect, it } from 'vitest';
import type { AppealCard } from '../../../shared/api/types.js';
import { pendingRework } from './ReworkReason.js';

const review = (decision: 'accept' | 'rework', createdAt: string) => ({
  id: createdAt.length,
  decision,
  result: null,
  comment: 'Додайте фото',
  reviewer: 'Контролер',
  createdAt,
});
const response = (createdAt: string) => ({ id: 1, createdAt });
const card = (over: Record<string, unknown>) =>
  ({ status: 'rework', reviews: [], responses: [], ...over }) as unknown as AppealCard;

describe('the rework reason stays on top until the executor answers it', () => {
  const returned = review('rework', '2026-03-02T10:00:00Z');
  it.each([
    ['back for rework', card({ reviews: [returned] }), true],
    ['accepted again, not yet answered', card({ status: 'in_work', reviews: [returned] }), true],
    [
      'answered since',
      card({
        status: 'on_check',
        reviews: [returned],
        responses: [response('2026-03-03T10:00:00Z')],
      }),
      false,
    ],
    [
      'in work, answered after the rework (co-executor, then main later)',
      card({
        status: 'in_work',
        reviews: [returned],
        responses: [response('2026-03-03T10:00:00Z')],
      }),
      false,
    ],
    ['never returned', card({ status: 'in_work' }), false],
    [
      'the last review accepted',
      card({ status: 'closed', reviews: [review('accept', '2026-03-04T00:00:00Z')] }),
      false,
    ],
  ])('%s', (_name, appeal, shown) => {
    expect(pendingRework(appeal) !== null).toBe(shown);
  });
});
