/**
 * The architecture's fences (eslint/fences.js) fire: each deliberately wrong import below is an
 * error of the same rules `npm run lint` applies, and the right import next to it is not.
 */
import { Linter } from 'eslint';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { fences } from '../../eslint/fences.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const linter = new Linter({ cwd: ROOT });
const config: Linter.Config[] = [
  { files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } },
  ...fences,
];

/** The rule ids that report on `code` as if it were the file `path` (relative to the root). */
function ruleIds(path: string, code: string): (string | null)[] {
  return linter.verify(code, config, { filename: `${ROOT}${path}` }).map((m) => m.ruleId);
}

describe('fences', () => {
  it('refuse a web → server import, and allow the contract', () => {
    const page = 'src/web/features/registry/components/Fixture.tsx';
    expect(
      ruleIds(page, "import { listAppeals } from '../../../../server/appeals/appeals.queries.js';"),
    ).toEqual(['no-restricted-imports']);
    expect(
      ruleIds(
        page,
        "import { appealListView } from '../../../../contract/appeal-registry.schemas.js';",
      ),
    ).toEqual([]);
  });

  it("refuse one feature importing another feature's files, and allow web/shared", () => {
    const page = 'src/web/features/moderation/components/Fixture.tsx';
    expect(
      ruleIds(page, "import { RegistryPage } from '../../registry/components/RegistryPage.js';"),
    ).toEqual(['kontakt/feature-boundaries']);
    expect(
      ruleIds(page, "export { AppealCardPage } from '../../appeal/components/AppealCardPage.js';"),
    ).toEqual(['kontakt/feature-boundaries']);
    expect(
      ruleIds(
        page,
        "import { QuestionTypePicker } from '../../../shared/ui/QuestionTypePicker.js';",
      ),
    ).toEqual([]);
    expect(ruleIds(page, "import { moderationQuery } from '../api/moderation.js';")).toEqual([]);
  });

  it('refuse an import cycle (type-only imports count), and allow an import into one', () => {
    const dir = 'test/architecture/fixtures/cycle';
    const source = (name: string) => readFileSync(`${ROOT}${dir}/${name}`, 'utf8');
    expect(ruleIds(`${dir}/first.ts`, source('first.ts'))).toEqual(['kontakt/no-cycle']);
    expect(ruleIds(`${dir}/second.ts`, source('second.ts'))).toEqual(['kontakt/no-cycle']);
    expect(ruleIds(`${dir}/leaf.ts`, source('leaf.ts'))).toEqual([]);
  });

  it('keep the domain pure and the contract to zod and the domain', () => {
    expect(ruleIds('src/domain/fixture.ts', "import { sql } from 'kysely';")).toEqual([
      'no-restricted-imports',
    ]);
    expect(
      ruleIds('src/domain/fixture.ts', "import { meView } from '../contract/auth.schemas.js';"),
    ).toEqual(['no-restricted-imports']);
    expect(
      ruleIds('src/contract/fixture.ts', "import type { Deps } from '../server/context.js';"),
    ).toEqual(['no-restricted-imports']);
    expect(
      ruleIds(
        'src/contract/fixture.ts',
        "import { z } from 'zod';\nimport { ROLES } from '../domain/vocabulary.js';",
      ),
    ).toEqual([]);
  });
});
