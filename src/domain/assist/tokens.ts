/**
 * Words of what a caller says or an executor writes, made comparable: Unicode NFC, lower case,
 * apostrophes dropped (`’ʼ‘'` and backtick all appear in real Kyiv 1551 data), Latin look-alike
 * letters inside Cyrillic words folded to Cyrillic («вoда» typed with a Latin o), ґ→г, ё→е, ы→и,
 * э→е, ъ dropped (so Ukrainian and Russian spellings meet more often), and a light suffix stemmer
 * for Ukrainian, Russian and English. Pure; used by the suggestion model and the formal-answer checks.
 */

const APOSTROPHES = /['`’ʼ‘ʹ]/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /[a-z]/;

/** Latin letters that look like Cyrillic ones, as mistyped on a mixed keyboard layout. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  a: 'а', b: 'в', c: 'с', e: 'е', h: 'н', i: 'і', k: 'к', m: 'м', o: 'о', p: 'р', t: 'т', x: 'х', y: 'у',
}; // prettier-ignore

const CYRILLIC_FOLDS: Readonly<Record<string, string>> = { ґ: 'г', ё: 'е', ы: 'и', э: 'е', ъ: '' };

/** Fold one lower-case word: look-alike Latin letters inside a Cyrillic word, and ґ/ё/ы/э/ъ. */
function foldWord(word: string): string {
  let w = word;
  if (CYRILLIC.test(w) && LATIN.test(w)) w = w.replace(/[a-z]/g, (ch) => LOOK_ALIKES[ch] ?? ch);
  return w.replace(/[ґёыэъ]/g, (ch) => CYRILLIC_FOLDS[ch] ?? ch);
}

/**
 * The words of `text`, normalised (see the module's note), in order. Digits-only tokens (house and
 * flat numbers) are dropped: they say nothing about the question.
 *
 * @example words("Не гріють батареЇ у кв. 5, вул. Об’єднання") → ["не","гріють","батареї","у","кв","вул","обєднання"]
 */
export function words(text: string): string[] {
  const lower = text.normalize('NFC').toLowerCase().replace(APOSTROPHES, '');
  const out: string[] = [];
  for (const raw of lower.split(/[^\p{L}\p{N}]+/u)) {
    if (raw === '' || /^\p{N}+$/u.test(raw)) continue;
    out.push(foldWord(raw));
  }
  return out;
}

// Endings are tried longest first; a stem keeps at least MIN_STEM letters.
const MIN_STEM = 3;
const REFLEXIVE = ['ся', 'сь'];
const CYRILLIC_ENDINGS = [
  // nouns, adjectives, participles (Ukrainian and Russian, after the folds above)
  'ями', 'ами', 'ові', 'еві', 'ого', 'ому', 'ими', 'ого', 'его', 'ему', 'ова', 'ове', 'ими',
  'ах', 'ях', 'ам', 'ям', 'ом', 'ем', 'ів', 'їв', 'ей', 'ой', 'ий', 'ій', 'ої', 'ою', 'ею', 'их',
  'им', 'ім', 'ая', 'яя', 'ое', 'ее', 'ую', 'юю', 'ые',
  // verbs
  'ють', 'ять', 'ать', 'уть', 'ити', 'ати', 'ути', 'іти', 'ить', 'іть', 'ать', 'ете', 'ете', 'ите',
  'ємо', 'имо', 'емо', 'ла', 'ло', 'ли', 'ти', 'ть', 'ет', 'ит', 'ут', 'ют',
  // single letters
  'а', 'е', 'є', 'и', 'і', 'ї', 'й', 'о', 'у', 'ю', 'я', 'ь',
].sort((a, b) => b.length - a.length); // prettier-ignore

function stemCyrillic(word: string): string {
  let w = word;
  for (const r of REFLEXIVE) {
    if (w.endsWith(r) && w.length - r.length >= MIN_STEM + 1) {
      w = w.slice(0, -r.length);
      break;
    }
  }
  for (const ending of CYRILLIC_ENDINGS) {
    if (w.endsWith(ending) && w.length - ending.length >= MIN_STEM)
      return w.slice(0, -ending.length);
  }
  return w;
}

function stemLatin(word: string): string {
  const rules: readonly (readonly [RegExp, string])[] = [
    [/ies$/, 'y'],
    [/(ss)$/, '$1'],
    [/(sh|ch|x|z)es$/, '$1'],
    [/s$/, ''],
    [/ing$/, ''],
    [/ed$/, ''],
    [/ly$/, ''],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) {
      const stemmed = word.replace(pattern, replacement);
      return stemmed.length >= MIN_STEM ? stemmed : word;
    }
  }
  return word;
}

/**
 * A light stem of one normalised word (from {@link words}): inflectional endings cut, so the forms
 * of one word meet — «батареї», «батарея», «батареях» → «батаре»; «гріють», «гріти», «гріє» → «грі»;
 * Russian «горячей», «горячая» → «горяч»; English "potholes" → "pothole". Not a lemmatiser:
 * suppletive forms and alternations (рік/року) stay apart, which the character n-grams soften.
 */
export function stem(word: string): string {
  if (word.length <= MIN_STEM) return word;
  return CYRILLIC.test(word) ? stemCyrillic(word) : stemLatin(word);
}

/** Words too common in appeals and answers to tell anything (Ukrainian, Russian, English). */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'і й та в у на з із зі до від по за про для при під над як що це той та ця ці цей його її їх ми ви вони він вона воно ' +
    'я ти не ні нема немає так же ж б би чи або а але то уже вже ще є був була було були буде будь щоб якщо коли де там тут ' +
    'нас вас нам вам мене мені собі свій своє своїх наш наша наші ваш ваша просимо прошу будь-ласка ласка ' +
    'и в во на с со к ко от по за о об про для при под над как что это тот эта эти этот его ее их мы вы они он она оно ' +
    'я ты не ни нет же бы или а но то уже еще есть был была было были будет чтобы если когда где там тут пожалуйста ' +
    'the a an and or of to in on at for by with from is are was were be been it this that there please'
  )
    .split(' ')
    .map(foldWord),
);

/** The stems of the content words of `text` (stop words and one-letter words left out). */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map(stem);
}
