import { describe, expect, it } from 'vitest';
import { checkFormalAnswer, jaccard, shingles, type FormalAnswerInput } from './formal-answers.js';

const BOILERPLATE = [
  'Взято до відома',
  'Буде розглянуто в установленому порядку',
  'Ваше звернення розглянуто',
  'Роботи будуть виконані по мірі фінансування',
];

const COPY =
  'Ваше звернення розглянуто. Інформуємо, що відповідні служби підприємства проведуть обстеження ' +
  'та вживуть заходів відповідно до затвердженого плану робіт на поточний рік.';

function input(overrides: Partial<FormalAnswerInput>): FormalAnswerInput {
  return {
    answer: '',
    appealId: 1,
    appealText: 'Не гріють батареї у квартирі на третьому поверсі',
    questionTypeName: 'Відсутність опалення в опалювальний період',
    earlierAnswers: [],
    boilerplate: BOILERPLATE,
    ...overrides,
  };
}

describe('shingles and jaccard', () => {
  it.each([
    ['одна дві три чотири', 'одна дві три чотири', 1],
    ['одна дві три чотири', 'п’ять шість сім вісім', 0],
    ['одна дві три', 'одна дві три чотири', 0.5],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(jaccard(shingles(a), shingles(b))).toBeCloseTo(expected);
  });
});

describe('checkFormalAnswer (hand-written answers)', () => {
  it.each<[string, Partial<FormalAnswerInput>, string[]]>([
    [
      'a copy-paste to two different problems is a near copy (and off the subject)',
      {
        answer: COPY,
        earlierAnswers: [
          {
            appealId: 2,
            text: COPY,
            appealText: 'Яма на дорозі біля школи №5, машини б’ють колеса',
          },
        ],
      },
      ['near_copy', 'off_subject'],
    ],
    [
      'a boilerplate answer is flagged',
      { answer: 'Взято до відома. Буде розглянуто в установленому порядку.' },
      ['boilerplate', 'off_subject'],
    ],
    [
      'a real answer quoting the appeal is not flagged',
      {
        answer:
          'На ваше звернення «не гріють батареї у квартирі» повідомляємо: 12.11 слюсар ЖЕД-903 ' +
          'спустив повітря зі стояка опалення, батареї в квартирі гріють, температура 21 °C. ' +
          'Ваше звернення розглянуто.',
        earlierAnswers: [{ appealId: 2, text: COPY, appealText: 'Яма на дорозі біля школи №5' }],
      },
      [],
    ],
    [
      'the same answer to a repeated appeal about the same problem is not a near copy',
      {
        answer: 'Стояк опалення в під’їзді 2 розповітрено, батареї гріють.',
        earlierAnswers: [
          {
            appealId: 3,
            text: 'Стояк опалення в під’їзді 2 розповітрено, батареї гріють.',
            appealText: 'Не гріють батареї у квартирі на третьому поверсі, вже тиждень',
          },
        ],
      },
      [],
    ],
    [
      'boilerplate with enough own content about the appeal is not boilerplate',
      {
        answer:
          'Ваше звернення розглянуто. Радіатори в квартирі замінено 14.11, опалення відновлено, батареї гріють.',
      },
      [],
    ],
    [
      'an answer about what the controller asked in a rework is on the subject',
      {
        answer: 'Підвал осушено, фото додано.',
        appealText: 'Засмічений каналізаційний стояк у третьому під’їзді, вода на першому поверсі.',
        conversation: ['Стояк прочищено.', 'Додайте фото підвалу після осушення.'],
      },
      [],
    ],
    [
      'the same answer without that conversation shares nothing with the appeal',
      {
        answer: 'Підвал осушено, фото додано.',
        appealText: 'Засмічений каналізаційний стояк у третьому під’їзді, вода на першому поверсі.',
      },
      ['off_subject'],
    ],
    [
      'an answer to the appeal itself is never compared with itself',
      { answer: COPY, earlierAnswers: [{ appealId: 1, text: COPY, appealText: 'будь-що' }] },
      ['off_subject'],
    ],
  ])('%s', (_name, overrides, reasons) => {
    expect(checkFormalAnswer(input(overrides)).map((f) => f.reason)).toEqual(reasons);
  });

  it('names the other appeal and the similarity of a near copy, and the phrases of boilerplate', () => {
    const flags = checkFormalAnswer(
      input({
        answer: `${COPY} Взято до відома.`,
        earlierAnswers: [{ appealId: 7, text: COPY, appealText: 'Не вивезли сміття з майданчика' }],
      }),
    );
    expect(flags[0]).toMatchObject({ reason: 'near_copy', details: { appealId: 7 } });
    expect(flags[0]!.details.similarity).toBeGreaterThanOrEqual(0.8);
  });
});
