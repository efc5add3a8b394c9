import { describe, expect, it } from 'vitest';
import { CHANNEL_LABELS, KIND_LABELS, STATUS_LABELS } from '../../../domain/labels.js';
import en from './en.json' with { type: 'json' };
import uk from './uk.json' with { type: 'json' };

describe('the server’s kind, channel and status labels (domain/labels.ts)', () => {
  it.each([
    ['uk', uk],
    ['en', en],
  ] as const)('are the web app’s words (%s)', (lang, words) => {
    expect(KIND_LABELS[lang]).toEqual(words.kind);
    expect(CHANNEL_LABELS[lang]).toEqual(words.channel);
    expect(STATUS_LABELS[lang]).toEqual(words.status);
  });
});
