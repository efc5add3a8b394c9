import { describe, expect, it } from 'vitest';
import {
  findControlCharacter,
  foldKey,
  hasControlCharacter,
  phoneE164,
  phoneKey,
  phoneProblem,
  smtpAddress,
  toNfc,
} from './normal-forms.js';
import { matchKey, searchStems } from './text.js';

describe('control characters', () => {
  it.each([
    ['\u0000', true],
    ['a\u0001', true],
    ['\u0007', true],
    ['\u0008', true],
    ['\u000b', true],
    ['\u000c', true],
    ['\u001b[31m', true],
    ['\u001f', true],
    ['\u007f', true],
    ['\u0085', true],
    ['\u009f', true],
    ['tab\there', false],
    ['line\nbreak', false],
    ['crlf\r\n', false],
    ['підʼїзд', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(hasControlCharacter(text)).toBe(expected);
  });

  it('names the first field that holds one, keys included', () => {
    expect(findControlCharacter({ a: 'ok', b: [{ c: 'x\u0000' }] }, 'body')).toBe('body.b[0].c');
    expect(findControlCharacter({ ['k\u0000']: 1 }, 'body')).toBe('body.k\u0000');
    expect(findControlCharacter({ a: 1, b: null, c: ['ok'] }, 'body')).toBeUndefined();
  });
});

describe('NFC', () => {
  it('composes И + breve into Й, deep in objects and arrays', () => {
    const decomposed = 'И\u0306ван';
    expect(toNfc({ name: [decomposed] })).toEqual({ name: ['Йван'] });
    expect(foldKey(decomposed)).toBe(foldKey('Йван'));
    expect(foldKey('ї')).toBe(foldKey('і\u0308'));
  });
});

describe('apostrophes fold to one letter', () => {
  const forms = ["під'їзд", 'під’їзд', 'підʼїзд', 'під‘їзд', 'під`їзд', 'під′їзд', 'під´їзд'];
  const rows: [string, string][] = [
    ...forms.flatMap((a) =>
      forms
        .filter((b) => b !== a)
        .slice(0, 3)
        .map((b): [string, string] => [a, b]),
    ),
    ["Солом'янська", 'Солом’янська'],
    ['Солом`янська', 'Соломʼянська'],
    ["м'ясо", 'мʼясо'],
    ["п'ять", 'п’ять'],
    ["В'ячеслав", 'Вʼячеслав'],
    ["об'єкт", 'об’єкт'],
    ["ОБ'ЄКТ", 'об’єкт'],
    ["Прим'ятий", 'Прим‘ятий'],
  ];
  it.each(rows)('%s = %s', (a, b) => {
    expect(foldKey(a)).toBe(foldKey(b));
    expect(matchKey(a)).toBe(matchKey(b));
    expect(searchStems(a)).toEqual(searchStems(b));
  });
  it('a prefix with one apostrophe suggests a name with another', () => {
    expect(foldKey('Солоʼм'.replace('ʼм', "м'"))).toBe(foldKey("Солом'"));
    expect(foldKey('Солом’янська').startsWith(foldKey("Солом'ян"))).toBe(true);
  });
});

describe('Latin look-alike letters match as Cyrillic', () => {
  const rows: [string, string][] = [
    ['Сiчових', 'Січових'], // i
    ['Cічових', 'Січових'], // C
    ['Хрeщатик', 'Хрещатик'], // e
    ['Хрещатuк'.replace('u', 'и'), 'Хрещатик'],
    ['Xрещатик', 'Хрещатик'], // X
    ['Пoдiл', 'Поділ'], // o, i
    ['Пpоспект', 'Проспект'], // p
    ['вулицa', 'вулиця'.replace('я', 'а')], // a
    ['Kиїв', 'Київ'], // K
    ['Київ', 'Kиïв'], // K, ï
    ['Mайдан', 'Майдан'], // M
    ['HезалежностI'.toLowerCase(), 'незалежності'], // H, I
    ['Tарас', 'Тарас'], // T
    ['Bолодимир', 'Володимир'], // B
    ['yрожай', 'урожай'], // y
    ['Оболонь', 'Oболонь'], // O
    ['Печерськ', 'Пeчeрськ'], // e twice
    ['Академіка', 'Aкaдeмiкa'], // many
    ['ТЕРЕМКИ', 'TEPEMKИ'], // T E P M K
    ['Сирець', 'Cирeць'],
    ['Осокорки', 'Ocoкopки'],
    ['Main Street', 'main street'], // a Latin word still finds itself
  ];
  it.each(rows)('%s ~ %s', (a, b) => {
    expect(foldKey(a)).toBe(foldKey(b));
  });
  it('different letters stay different', () => {
    expect(foldKey('Січових')).not.toBe(foldKey('Сечових'));
    expect(foldKey('кіт')).not.toBe(foldKey('кит'));
  });
});

describe('phones: one normal form (libphonenumber-js)', () => {
  const same: [string, string][] = [
    ['+380 (067) 111-22-33', '+380671112233'],
    ['+380 67 111 22 33', '+380671112233'],
    ['+380671112233', '+380671112233'],
    ['380671112233', '+380671112233'],
    ['00380671112233', '+380671112233'],
    ['00 380 67 111 22 33', '+380671112233'],
    ['067 111 22 33', '+380671112233'],
    ['067-111-22-33', '+380671112233'],
    ['(067) 111-22-33', '+380671112233'],
    ['0671112233', '+380671112233'],
    ['067.111.22.33', '+380671112233'],
    ['8 067 111 22 33', '+380671112233'],
    ['+38 (067) 1112233', '+380671112233'],
    ['+38 067 111 22 33', '+380671112233'],
    ['(044) 123-45-67', '+380441234567'],
    ['044 123 45 67', '+380441234567'],
    ['+380 44 123 45 67', '+380441234567'],
    ['050 123 45 67', '+380501234567'],
    ['+1 212 555 0100', '+12125550100'],
    ['001 212 555 0100', '+12125550100'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+48 22 123 45 67', '+48221234567'],
    ['+49 30 1234567', '+49301234567'],
  ];
  it.each(same)('%s → %s', (typed, e164) => {
    expect(phoneProblem(typed)).toBeNull();
    expect(phoneE164(typed)).toBe(e164);
    expect(phoneKey(typed)).toBe(e164.slice(1));
  });

  const refused = [
    'abc+123',
    '067 111 22 3a',
    'phone',
    '+380 67 111 22 33 ext',
    '12345',
    '++380671112233',
    '067 111',
    '+',
    '',
    '0',
  ];
  it.each(refused)('refuses %j', (typed) => {
    expect(phoneProblem(typed)).toEqual(expect.any(String));
    expect(phoneE164(typed)).toBeNull();
  });
});

describe('e-mail in the form SMTP needs', () => {
  it.each([
    ['olena@пошта.укр', 'olena@xn--80a1acn3a.xn--j1amh'],
    ['olena@xn--80a1acn3a.xn--j1amh', 'olena@xn--80a1acn3a.xn--j1amh'],
    ['Olena@ПОШТА.УКР', 'Olena@xn--80a1acn3a.xn--j1amh'],
    ['ivan.petrenko@kyivcity.gov.ua', 'ivan.petrenko@kyivcity.gov.ua'],
    ['a+b@example.com', 'a+b@example.com'],
    ['user@приклад.рф', 'user@xn--80aikifvh.xn--p1ai'],
  ])('%s → %s', (typed, smtp) => {
    expect(smtpAddress(typed)).toBe(smtp);
  });
  it.each([
    'olena',
    'olena@',
    '@пошта.укр',
    'olena@пошта',
    'o..lena@x.ua',
    'олена@пошта.укр',
    'a b@x.ua',
    'a@-x.ua',
  ])('refuses %j', (typed) => {
    expect(smtpAddress(typed)).toBeNull();
  });
});
