/**
 * Depersonalisation for the public audience (portal list and map, Open311, open data).
 *
 * Law 393/96-ВР Art. 10: personal information in appeals is not disclosed; Law «Про захист
 * персональних даних»: only what the purpose needs. A house is public (the problem is there); a
 * flat, room or office within it points at a person and is cut. Phone numbers and e-mail addresses
 * typed into an address line are cut too. Coordinates are rounded to about ten metres, enough for a
 * map, not for a window. Names, phones and e-mails of applicants never reach a public presenter at
 * all; this module only cleans the fields that are published (address, point).
 */

/**
 * A flat-level part of an address and what follows it within the same comma-separated part:
 * «кв. 12», «кв.12», «27-кв.5», «кв-ра 7», «квартира 5», «кімн. 3», «кімната 3», «ком. 4», «офіс 2»,
 * «оф. 2», «пом. 4», «помешкання 5», «ап. 12», «kv. 8», «apt 5», «apartment 5», «flat 3», «room 7»,
 * «unit 2», «suite 4», «#12».
 */
const FLAT_PART =
  /(^|[\s,;(\d-])(?:кв-ра|кв\.?|квартира|квартири|кварт\.?|кімн\.?|кімната|ком\.?|офіс|оф\.|пом\.?|приміщення|помешкання|ап\.|апарт\.?|апартаменти|kv\.?|apt\.?|apartment|flat|room|unit|suite|ste\.?)(?=[\s.\d№#-]|$)\s*[№#]?\s*[\p{L}\d/-]*|#\s*\d+[\p{L}\d/-]*/giu;

/** Phone-like runs: seven or more digits with the usual separators, optionally after + or "тел". */
const PHONE = /(?:тел\.?|tel\.?|phone)?\s*\+?\d[\d\s()-]{5,}\d/giu;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu;
/** An e-mail written to dodge filters: «ivan at gmail dot com», «ivan собака ukr крапка net». */
const SPELLED_EMAIL =
  /[\w.+-]+\s*[([]?\s*(?:at|собака)\s*[)\]]?\s*[\w-]+\s*[([]?\s*(?:dot|крапка)\s*[)\]]?\s*\w+/giu;

const WORD = "[\\p{Lu}][\\p{Ll}'’ʼ-]+";
/**
 * A person's name as Ukrainians write it: «Іваненко Петро Іванович» (a patronymic ending), or
 * «Петренко О.І.», «О.І. Петренко» (initials).
 */
const PERSON = new RegExp(
  [
    `${WORD}\\s+${WORD}\\s+[\\p{Lu}][\\p{Ll}'’ʼ-]*(?:ович|евич|євич|йович|ьович|івна|ївна|овна|ічна|інічна)(?!\\p{L})`,
    `${WORD}\\s+[\\p{Lu}]\\.\\s?[\\p{Lu}]\\.?`,
    `[\\p{Lu}]\\.\\s?[\\p{Lu}]\\.\\s?${WORD}`,
  ].join('|'),
  'gu',
);

/**
 * The address as it may be published: flat, room and office numbers, phones, e-mails and names
 * written as people write them removed, separators tidied. «вул. Хрещатик, 1, кв. 12» →
 * «вул. Хрещатик, 1». A safety net, not a guarantee: the moderator corrects the address of an
 * Internet appeal at registration.
 *
 * @returns the cleaned address, or null when nothing public remains.
 */
export function publicAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const cleaned = address
    .replace(EMAIL, ' ')
    .replace(SPELLED_EMAIL, ' ')
    .replace(PHONE, ' ')
    .replace(PERSON, ' ')
    .replace(FLAT_PART, '$1')
    .replace(/\(\s*\)|\[\s*\]/g, ' ')
    .split(/[,;]/)
    .map((part) =>
      part
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/\s*-+$/, ''),
    )
    .filter((part) => part.length > 0 && /[\p{L}\d]/u.test(part))
    .join(', ');
  return cleaned.length > 0 ? cleaned : null;
}

/** Decimal places kept of a published coordinate (4 ≈ 11 m of latitude). */
export const PUBLIC_COORDINATE_DECIMALS = 4;

/** A coordinate rounded for publication; null stays null. */
export function publicCoordinate(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const factor = 10 ** PUBLIC_COORDINATE_DECIMALS;
  return Math.round(value * factor) / factor;
}

/**
 * Free text (an appeal's description) for roles without access to personal data (analyst,
 * administrator) and for any public use: e-mails, spelled e-mails, phone numbers, names written as
 * people write them, and flat numbers are replaced by «…». The same patterns as `publicAddress`.
 */
export function cleanPublicText(text: string): string {
  return text
    .replace(EMAIL, '…')
    .replace(SPELLED_EMAIL, '…')
    .replace(PHONE, ' …')
    .replace(PERSON, '…')
    .replace(FLAT_PART, '$1…')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
