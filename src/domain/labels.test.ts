import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_LABELS, KIND_LABELS, type LabelLang } from './labels.js';

const catalogue = (lang: LabelLang) =>
  JSON.parse(
    readFileSync(new URL(`../web/shared/i18n/${lang}.json`, import.meta.url), 'utf8'),
  ) as { kind: Record<string, string>; channel: Record<string, string> };

describe('the server’s kind and channel labels', () => {
  it.each(['uk', 'en'] as const)('are the web app’s words (%s)', (lang) => {
    const words = catalogue(lang);
    expect(KIND_LABELS[lang]).toEqual(words.kind);
    expect(CHANNEL_LABELS[lang]).toEqual(words.channel);
  });
});
