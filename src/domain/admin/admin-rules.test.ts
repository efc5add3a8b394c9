import { describe, expect, it } from 'vitest';
import { movesIntoOwnSubtree } from './organisation-tree.js';
import { passwordKey, passwordProblem } from './password-policy.js';
import { SETTINGS, settingDefinition, settingValueProblem } from './settings-catalogue.js';

const breached = new Set(['qwerty123', 'password1', 'йцукенгш'].map(passwordKey));

describe('password policy (NIST SP 800-63B)', () => {
  it.each([
    ['short', 'too_short'],
    ['1234567', 'too_short'],
    ['x'.repeat(201), 'too_long'],
    ['QWERTY123', 'breached'],
    ['Password 1', 'breached'],
    ['ЙЦУКЕНГШ', 'breached'],
    ['aaaaaaaa', 'breached'],
    ['12345678', 'breached'],
    ['hgfedcba', 'breached'],
    ['olena.koval', 'like_login'],
    ['olena.koval2024', 'like_login'],
    ['Коваль Олена', 'like_login'],
    ['correct horse battery staple', null],
    ['lowercaseonlyisfine', null],
    ['пароль без цифр і великих', null],
  ] as const)('%s → %s', (password, problem) => {
    expect(
      passwordProblem(password, { login: 'olena.koval', fullName: 'Коваль Олена' }, breached),
    ).toBe(problem);
  });
});

describe('organisation tree', () => {
  // 1 → 2 → 3, 4 alone
  const parentOf = new Map<number, number | null>([
    [1, null],
    [2, 1],
    [3, 2],
    [4, null],
  ]);
  it.each([
    [1, 3, true],
    [1, 1, true],
    [2, 3, true],
    [3, 1, false],
    [1, 4, false],
    [2, null, false],
  ] as const)('move %s under %s → cycle %s', (id, parent, cycle) => {
    expect(movesIntoOwnSubtree(parentOf, id, parent)).toBe(cycle);
  });
});

describe('settings catalogue', () => {
  it('every default is within its own range', () => {
    for (const s of SETTINGS) expect(settingValueProblem(s, s.default), s.key).toBeNull();
  });
  it.each([
    ['rework_limit', 3, null],
    ['rework_limit', 11, 'out_of_range'],
    ['rework_limit', -1, 'out_of_range'],
    ['rework_limit', 2.5, 'wrong_type'],
    ['rework_limit', '2', 'wrong_type'],
    ['city_katottg', 'UA12345678901234567', null],
    ['city_katottg', 'UA123', 'out_of_range'],
    ['city_name', '  ', 'out_of_range'],
  ] as const)('%s = %s → %s', (key, value, problem) => {
    const definition = settingDefinition(key);
    if (!definition) throw new Error(key);
    expect(settingValueProblem(definition, value)).toBe(problem);
  });
});
