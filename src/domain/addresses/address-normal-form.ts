/**
 * One normal form for an address (issue 15): the key under which the registry look-up, Art. 8
 * repeat detection, duplicate detection and search compare addresses.
 *
 * - Street: case, the three apostrophes (and backtick), Latin look-alike letters inside Cyrillic
 *   words, spaces and punctuation are folded; street type words and their abbreviations (`вул.`,
 *   `вулиця`, `просп.`, `пр-т`, `бульв.`, `пров.`, `пл.`, `шосе`…) are recognised at either end and
 *   kept apart from the name.
 * - House: `12-А`, `12А`, `12 а`, `12-A` (Latin), `буд. 12-А` are one house (`12а`); `20/2` and
 *   `7 корп. 3` stay apart from `20` and `7` (`20/2`, `7к3`).
 *
 * Pure: no I/O. Tests: `address-normal-form.test.ts` (table-driven, the faults of the shared files).
 */

/** Latin letters that look like Cyrillic ones, as typed on a wrong keyboard layout or OCR'd. */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: 'а',
  c: 'с',
  e: 'е',
  i: 'і',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
  k: 'к',
  m: 'м',
  h: 'н',
  t: 'т',
  b: 'в',
  ï: 'ї',
};

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Apostrophes seen in real data: `'`, `’`, `ʼ`, `‘`, backtick, `′`. */
const APOSTROPHES = /['’ʼ‘`′]/g;

/**
 * Fold a word's Latin look-alikes to Cyrillic when the word has any Cyrillic letter (a Latin word
 * such as `Weststrasse` is left alone). Lower case in, lower case out.
 */
export function foldLookAlikes(word: string): string {
  if (!CYRILLIC.test(word)) return word;
  return word.replace(/[a-zï]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch);
}

/**
 * Street type words by their canonical name; every spelling (full, abbreviated, Russian, glued
 * 1562-dictionary forms) maps to the canonical word. Keys are written after `foldText`
 * (lower case, no dots or apostrophes, hyphens kept).
 */
const STREET_TYPE_SPELLINGS: Record<string, readonly string[]> = {
  вулиця: ['вулиця', 'вул', 'ул', 'улица', 'вулиці'],
  проспект: ['проспект', 'просп', 'пр-т', 'пр', 'пр-кт', 'пркт'],
  бульвар: ['бульвар', 'бульв', 'бул', 'б-р', 'б-р'],
  провулок: ['провулок', 'пров', 'пер', 'переулок', 'пр-к'],
  площа: ['площа', 'пл', 'площадь'],
  шосе: ['шосе', 'ш', 'шоссе'],
  набережна: ['набережна', 'наб', 'набережная'],
  узвіз: ['узвіз', 'узв', 'спуск', 'сп'],
  проїзд: ['проїзд', 'пр-д', 'проезд', 'прд'],
  вїзд: ['вїзд', 'в-д', 'въезд', 'вд', 'б-рв-д'],
  тупик: ['тупик', 'туп'],
  майдан: ['майдан', 'м-н', 'мн'],
  дорога: ['дорога', 'б-рдорога'],
  алея: ['алея', 'ал', 'аллея'],
  селище: ['селище', 'сел', 'пос', 'поселок', 'смт'],
  лінія: ['лінія', 'лін'],
  кільце: ['кільце'],
  мікрорайон: ['мікрорайон', 'мкр', 'мікр'],
};

const TYPE_BY_SPELLING = new Map<string, string>(
  Object.entries(STREET_TYPE_SPELLINGS).flatMap(([type, spellings]) =>
    spellings.map((s) => [s, type] as const),
  ),
);

/** The canonical street type of one folded word (`вул` → `вулиця`), or null. */
export function streetTypeOf(word: string): string | null {
  return TYPE_BY_SPELLING.get(word) ?? null;
}

/**
 * Fold free text for comparison: lower case, apostrophes dropped (`Солом'янська` = `Соломянська`),
 * Latin look-alikes inside Cyrillic words folded, `ё` → `е`, quotes and punctuation other than `-`
 * and `/` turned into spaces, spaces squeezed.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFC')
    .replace(APOSTROPHES, '')
    .replace(/ё/g, 'е')
    .replace(/[.,;:!?«»"“”„()[\]{}№#]/g, ' ')
    .replace(/[‐‑‒–—]/g, '-')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .map(foldLookAlikes)
    .join(' ');
}

export interface StreetKey {
  /** Canonical type word (`вулиця`, `провулок`…), or null when none was written. */
  type: string | null;
  /** The name without its type word, folded: `сумська`, `героїв праці`. */
  key: string;
}

/**
 * The key of a street name: its folded words without the type word, which may stand first or last
 * (`вул. Сумська`, `Сумська вул.`, `Сумська вулиця` are all `{type: вулиця, key: сумська}`).
 * A glued type (`б-рв-д Мінутка`, `пр.Науки`) is split off too. Hyphens between words become spaces
 * (`Мало-Черновський` = `мало черновський`).
 */
export function streetKey(name: string): StreetKey {
  let words = foldText(name)
    // A type glued to the name by its dot: "пр.Науки" arrives here as "пр науки" already.
    .split(' ');
  let type: string | null = null;
  if (words.length > 1) {
    const first = streetTypeOf(words[0]!);
    const last = streetTypeOf(words[words.length - 1]!);
    if (first) {
      type = first;
      words = words.slice(1);
    } else if (last) {
      type = last;
      words = words.slice(0, -1);
    }
  }
  const key = words
    .join(' ')
    .replace(/(?<=\p{L})-(?=\p{L})/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { type, key };
}

export interface HouseNumber {
  /** The number itself (may be negative in the Kharkiv register: a fault kept as data). */
  number: number;
  /** Letter suffix, lower case Cyrillic (`а`, `б`, `а1`), or empty. */
  suffix: string;
  /** The part after `/` (`20/2` → `2`), or empty. */
  fraction: string;
  /** The block (корпус), or empty. */
  block: string;
  /** The key: `12а`, `20/2`, `7к3`, `12а/1к2`. */
  key: string;
  /** As shown to people: `12-А`, `20/2`, `7, корп. 3`. */
  label: string;
}

const HOUSE_PREFIX =
  /^(?:буд(?:инок)?|б|д|дом|будинок№|house|bld|№)\.?\s*(?:№\s*)?(?=-?\d)|^№\s*(?=\d)/iu;
const HOUSE =
  /^(-?\d{1,5})\s*(?:-\s*)?((?:\p{L}(?:\d{1,2}|\p{L})?)?)(?:\s*\/\s*(\d{1,4}\s*-?\s*\p{L}?))?(?:\s*,?\s*(?:корпус|корп|кор|к|блок|секція|літ)\.?\s*(?:№\s*)?(\d{1,3}\s*\p{L}?))?$/u;

const HOUSE_RANGE = /^(\d{1,5})\s*(\p{L}?)\s*-\s*(\d{1,5})\s*(\p{L}?)$/u;

function foldSuffix(raw: string): string {
  return foldLookAlikes(`ж${raw.toLowerCase()}`).slice(1).replace(/[\s-]/g, '');
}

/**
 * Parse a house number as people and registers write it.
 *
 * @returns the parsed number with its key, or null when `text` is not a house number
 *   (`кв. 5`, `abc`, empty).
 */
export function parseHouseNumber(text: string): HouseNumber | null {
  const cleaned = text
    .normalize('NFC')
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(HOUSE_PREFIX, '')
    .trim();
  const range = HOUSE_RANGE.exec(cleaned);
  if (range) {
    // A corner building under two numbers (Kharkiv: `22-24`, `41А-43В`): one house, its own key.
    const [a, sa, b, sb] = [
      Number(range[1]),
      foldSuffix(range[2]!),
      Number(range[3]),
      foldSuffix(range[4]!),
    ];
    if (b > a || (b === a && sb !== sa)) {
      return {
        number: a,
        suffix: sa,
        fraction: '',
        block: '',
        key: `${a}${sa}-${b}${sb}`,
        label: `${a}${sa.toUpperCase()}-${b}${sb.toUpperCase()}`,
      };
    }
  }
  const m = HOUSE.exec(cleaned);
  if (!m) return null;
  const number = Number(m[1]);
  const suffix = foldSuffix(m[2] ?? '');
  // A suffix must be a letter optionally followed by digits or a letter; "кв" is not a suffix.
  if (suffix.length > 0 && !/^\p{Script=Cyrillic}[\p{Script=Cyrillic}\d]?\d?$/u.test(suffix))
    return null;
  const fraction = foldSuffix(m[3] ?? '');
  const block = foldSuffix(m[4] ?? '');
  const key = `${number}${suffix}${fraction ? `/${fraction}` : ''}${block ? `к${block}` : ''}`;
  const label =
    `${number}${suffix ? `-${suffix.toUpperCase()}` : ''}${fraction ? `/${fraction.toUpperCase()}` : ''}` +
    (block ? `, корп. ${block.toUpperCase()}` : '');
  return { number, suffix, fraction, block, key, label };
}

export interface ParsedAddress {
  street: StreetKey;
  /** The house, or null when none could be read. */
  house: HouseNumber | null;
  /** What follows the house (flat, entrance), kept as written: not part of the key. */
  rest: string;
}

/** Flats, entrances and floors: free text on the appeal, never part of the key. */
const REST_WORDS = /^(?:кв|квартира|под|під|підїзд|пiд|поверх|пов|оф|офіс|кімн|кім)\b/u;

/**
 * Split a free-text address into street and house: `вул. Сумська, 12а, кв. 5`,
 * `Сумська 12-А`, `просп. Науки 10 корп. 2`, `буд. 12-А, вул. Сумська`.
 */
export function parseAddress(text: string): ParsedAddress {
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  // The house may be its own part ("…, 12а"), end the street part ("Сумська 12а"), or lead.
  const streetParts: string[] = [];
  let house: HouseNumber | null = null;
  const rest: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (house !== null) {
      // "7, корп. 3": a block written as its own part belongs to the house.
      const withBlock = parseHouseNumber(`${house.label.replace(/, корп\. .*$/, '')} ${part}`);
      if (withBlock && withBlock.block && !house.block) house = withBlock;
      else rest.push(part);
      continue;
    }
    if (REST_WORDS.test(foldText(part)) && streetParts.length > 0) {
      rest.push(part);
      continue;
    }
    const whole = parseHouseNumber(part);
    if (whole && (streetParts.length > 0 || i < parts.length - 1)) {
      house = whole;
      continue;
    }
    // "Сумська 12-А" / "Сумська вул. 12 а" / "Науки 10 корп 2": the house at the end of the part.
    const tail =
      /^(.*?\p{L}[\p{L}.'’ʼ`)\s-]*?)\s+((?:буд\.?\s*)?-?\d{1,5}(?:\s*-?\s*\p{L}\d?)?(?:\s*\/\s*\d+\s*\p{L}?)?(?:\s*(?:корп|корпус|к)\.?\s*\d+)?)$/u.exec(
        part,
      );
    const tailHouse = tail ? parseHouseNumber(tail[2]!) : null;
    if (tail && tailHouse) {
      streetParts.push(tail[1]!);
      house = tailHouse;
      continue;
    }
    streetParts.push(part);
  }
  return { street: streetKey(streetParts.join(' ')), house, rest: rest.join(', ') };
}

/**
 * The comparison key of a whole address: `сумська|12а`. Two texts with the same key name the same
 * house of the same street; the street's type word does not count (people omit it). A text with no
 * house gives `сумська|`.
 */
export function addressKey(text: string): string {
  const { street, house } = parseAddress(text);
  return `${street.key}|${house?.key ?? ''}`;
}
