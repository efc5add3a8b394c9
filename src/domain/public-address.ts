/**
 * What the public sees of an address (issue 11, item 15): built, not cleaned. The public list, the
 * map, open data and Open311 show the street and the house — taken from the address register when
 * one exists (issue 15), until then parsed out of the appeal's address — and never any remainder of
 * the free text, so flats, names, phones and e-mails cannot leak whatever their spelling.
 *
 * Law 393/96-ВР Art. 10; Law «Про захист персональних даних» (only what the purpose needs).
 */

/** A street address as the public may see it. */
export interface StreetAddress {
  /** The street with its type, e.g. «вул. Січових Стрільців», «просп. Перемоги», «Main Street». */
  street: string;
  /** The house number, e.g. «12», «26-А», «7/2»; null when none was given. */
  house: string | null;
  /** The building («корпус») number, e.g. «1»; null when none. */
  building: string | null;
}

/** Street types as Ukrainian addresses write them (abbreviated or not). */
const UK_STREET_TYPE =
  "(?:вулиця|вул\\.?|проспект|просп\\.?|провулок|пров\\.?|бульвар|бульв\\.?|бул\\.|б-р|площа|пл\\.|узвіз|узв\\.|шосе|набережна|наб\\.|тупик|туп\\.|проїзд|просіка|майдан|алея|дорога|лінія|острів|спуск|в['’ʼ]їзд)";
/** Letters, digits, apostrophes, hyphens, dots and spaces: what a street name is made of. */
const NAME = "[\\p{L}\\d'’ʼ.\\- ]{1,60}";
const UK_STREET = new RegExp(`^(${UK_STREET_TYPE})(?:\\s+|(?<=\\.))(${NAME})$`, 'iu');
const INLINE_HOUSE = /^(.*\p{L}[.'’ʼ]?)\s+(\d{1,4}(?:-?[а-яґєіїa-z])?(?:\/\d{1,4})?)$/iu;
const HOUSE =
  /^(?:буд\.?|будинок|б\.|д\.)?\s*(\d{1,4}(?:\s?-?\s?[а-яґєіїa-z](?![\p{L}]))?(?:\/\d{1,4}(?:-?[а-яґєіїa-z])?)?)$/iu;
const BUILDING = /^(?:корп(?:ус)?\.?|к\.)\s*(\d{1,3}(?:-?[а-яґєіїa-z])?)$/iu;

/** English (New York and other imports): «123 Main Street», «45-10 Broadway». */
const EN_SUFFIX =
  '(?:street|st|avenue|ave|road|rd|boulevard|blvd|place|pl|lane|ln|drive|dr|court|ct|parkway|pkwy|terrace|ter|way|highway|hwy|square|sq|broadway)';
const EN_ADDRESS = new RegExp(
  `^(\\d{1,6}(?:-\\d{1,4})?[a-z]?)\\s+((?:[nsew]\\.?\\s+)?[a-z0-9' .-]{0,40}?\\b${EN_SUFFIX}\\.?)$`,
  'iu',
);

/** A street name holds at most a few words and no run of digits a phone or flat would have. */
function plausibleName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length <= 5 && !/\d{4,}/.test(name) && /\p{L}/u.test(name);
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The street, house and building of a free-text address, or null when no street can be told
 * (then nothing of the address is published; the map point still is). Only those three pieces are
 * ever returned; every other part of the text is left behind.
 *
 * «вул. Хрещатик, 10, кв. 5» → {street: «вул. Хрещатик», house: «10», building: null};
 * «Іваненко П.І., вул. Січових Стрільців, 12, корп. 2, тел. 0671112233» → «вул. Січових
 * Стрільців», «12», «2»; «123 Main Street, Apt 4» → «Main Street», «123».
 */
export function parseStreetAddress(text: string | null | undefined): StreetAddress | null {
  if (!text) return null;
  const parts = text
    .normalize('NFC')
    .split(/[,;\n]/)
    .map(squeeze)
    .filter((p) => p.length > 0);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const english = EN_ADDRESS.exec(part);
    if (english && plausibleName(english[2]!)) {
      return { street: squeeze(english[2]!), house: english[1]!, building: null };
    }
    // «вул. Хрещатик 10»: the number may follow the name in the same part.
    const inline = INLINE_HOUSE.exec(part);
    const streetText = inline && UK_STREET.test(inline[1]!) ? inline[1]! : part;
    const uk = UK_STREET.exec(streetText);
    if (!uk || !plausibleName(uk[2]!)) continue;
    const street = `${uk[1]!} ${squeeze(uk[2]!)}`;
    let house = streetText !== part ? inline![2]! : null;
    let next = i + 1;
    if (!house && next < parts.length) {
      const h = HOUSE.exec(parts[next]!);
      if (h) {
        house = h[1]!.replace(/\s+/g, '');
        next += 1;
      }
    }
    const building =
      house && next < parts.length ? (BUILDING.exec(parts[next]!)?.[1] ?? null) : null;
    return { street, house, building };
  }
  return null;
}

/** A street address as one line: «вул. Хрещатик, 10» or «вул. Х, 26-А, корп. 1». */
export function formatStreetAddress(address: StreetAddress | null): string | null {
  if (!address) return null;
  return [address.street, address.house, address.building ? `корп. ${address.building}` : null]
    .filter((p): p is string => p !== null)
    .join(', ');
}

/**
 * The address the public sees: the register's street and house when the appeal is linked to a
 * register entry (`registered`), otherwise the street and house parsed out of the address text.
 */
export function publicStreetAddress(
  addressText: string | null | undefined,
  registered: StreetAddress | null = null,
): string | null {
  return formatStreetAddress(registered ?? parseStreetAddress(addressText));
}
