/**
 * One normal form for the text and identifiers people send (issue 11): what the HTTP boundary
 * refuses (control characters), the form text is stored in (Unicode NFC), and the keys under which
 * text, phones and e-mail addresses are compared (apostrophes and Latin look-alike letters folded).
 *
 * What a user typed is stored as typed (only NFC-composed); folding happens in keys only — the
 * registry search, address suggestions, classifier and applicant matching — so `підʼїзд`,
 * `під'їзд` and `під’їзд` find each other and `Сiчових` (Latin i) finds `Січових`.
 * The database has the same fold as the SQL function `kontakt_fold` (migration 0007); the two must
 * stay equal (a test compares them).
 *
 * Pure; runs on the server and in the browser.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * C0 control characters except tab, line feed and carriage return, DEL, and the C1 controls.
 * PostgreSQL refuses NUL in text outright; the others break CSV, logs and terminals.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

/** Whether `text` holds a control character a client may never send (tab and line breaks allowed). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/**
 * The path of the first string (or object key) in a parsed JSON body, query or form that holds a
 * control character, e.g. `body.applicant.name`; undefined when there is none.
 */
export function findControlCharacter(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return hasControlCharacter(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasControlCharacter(key)) return `${path}.${key}`;
      const found = findControlCharacter(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Every string of a parsed value in Unicode NFC (composed: «Й» is one code point, whether it came
 * as И + U+0306 or not). Objects and arrays are rebuilt; other values are returned as they are.
 */
export function toNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => toNfc(item)) as T;
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key.normalize('NFC')] = toNfc(item);
    return out as T;
  }
  return value;
}

/**
 * Ukrainian apostrophes as real data and keyboards write them: ' (U+0027), ’ (U+2019), ʼ (U+02BC,
 * the orthographic one), ‘ (U+2018), ` (backtick), ′ (U+2032), ´ (U+00B4), ʹ (U+02B9).
 */
export const APOSTROPHES = "'’ʼ‘`′´ʹ";

/**
 * Latin letters that look like Cyrillic ones, lower case (a key is lower-cased first), with their
 * Cyrillic twins: a а, c с, e е, i і, o о, p р, x х, y у, k к, m м, h н, t т, b в, ï ї. Upper-case look-alikes (K M H T B…) fold through `lower`.
 */
export const LATIN_LOOKALIKES = 'aceiopxykmhtbï';
export const CYRILLIC_TWINS = 'асеіорхукмнтвї';

const APOSTROPHE_RUN = new RegExp(`[${APOSTROPHES}]`, 'gu');
const LOOKALIKE_MAP = new Map([...LATIN_LOOKALIKES].map((l, i) => [l, CYRILLIC_TWINS[i]!]));
const LOOKALIKE_RUN = new RegExp(`[${LATIN_LOOKALIKES}]`, 'gu');

/** Every apostrophe variant as ' (U+0027). */
export function foldApostrophes(text: string): string {
  return text.replace(APOSTROPHE_RUN, "'");
}

/**
 * The key under which text is compared: NFC, lower case, apostrophes as ', Latin look-alike
 * letters as their Cyrillic twins. Both sides of a comparison are folded alike, so a Latin word
 * («Main») still finds itself. Equal to SQL `kontakt_fold(text)` for NFC input.
 */
export function foldKey(text: string): string {
  return foldApostrophes(text.normalize('NFC').toLowerCase()).replace(
    LOOKALIKE_RUN,
    (letter) => LOOKALIKE_MAP.get(letter) ?? letter,
  );
}

/** The country whose numbers may be written without a country code. */
export const HOME_COUNTRY = 'UA';

/** Characters a phone number may be written with: digits, spaces, + (first), - ( ) . / */
const PHONE_CHARACTERS = /^\+?[\d\s().\-/]+$/u;

function parsePhone(text: string) {
  const trimmed = text.trim();
  const digits = trimmed.replace(/\D/g, '');
  // «8 067 …»: the old trunk prefix of the Soviet numbering, still typed by older callers.
  const candidate =
    !trimmed.startsWith('+') && digits.length === 11 && digits.startsWith('80')
      ? `+3${digits}`
      : trimmed;
  return parsePhoneNumberFromString(candidate, HOME_COUNTRY);
}

/**
 * Why `text` is not a phone number, or null when it is one: only digits and the usual separators,
 * and a length some numbering plan allows (libphonenumber-js metadata). The staff API and the portal
 * apply this one rule.
 */
export function phoneProblem(text: string): string | null {
  if (!PHONE_CHARACTERS.test(text.trim())) {
    return 'must be a phone number (digits, spaces, +, -, brackets)';
  }
  const phone = parsePhone(text);
  if (!phone || !phone.isPossible()) return 'is not a possible phone number';
  return null;
}

/**
 * A phone number in E.164 (`+380671112233`): Ukrainian numbers written in any usual way
 * (`+380 (067) 111-22-33`, `00380671112233`, `067 111 22 33`, `8 067 111 22 33`) are one number;
 * foreign numbers keep their country code. Null when `text` is not a possible number.
 */
export function phoneE164(text: string): string | null {
  if (phoneProblem(text) !== null) return null;
  return parsePhone(text)?.number ?? null;
}

/**
 * Canonical digits of a phone for search and de-duplication: the E.164 number without '+'
 * (`380671112233`). For what is not a possible number (old imported data) the digits as typed when
 * at least 5 remain, so such a number still finds itself; null otherwise.
 */
export function phoneKey(text: string): string | null {
  const e164 = phoneE164(text);
  if (e164) return e164.slice(1);
  const digits = text.replace(/\D/g, '');
  return digits.length >= 5 ? digits : null;
}

/** The domain of an e-mail address in its ASCII (IDNA, punycode) form; null when not a host name. */
function asciiDomain(domain: string): string | null {
  try {
    const host = new URL(`http://${domain}`).hostname;
    return host.length > 0 && host.includes('.') && !/[^a-z0-9.-]/.test(host) ? host : null;
  } catch {
    return null;
  }
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/u;
const ASCII_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/u;

/**
 * The form of an e-mail address SMTP needs: the local part as typed, the domain in IDNA ASCII
 * (`olena@пошта.укр` → `olena@xn--80a1acn3a.xn--j1amh`). Null when it is not an address (RFC 5321
 * local part without quoting; a domain of at least two labels, a top-level domain of letters).
 */
export function smtpAddress(text: string): string | null {
  const trimmed = text.trim().normalize('NFC');
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return null;
  const local = trimmed.slice(0, at);
  if (
    !LOCAL_PART.test(local) ||
    local.startsWith('.') ||
    local.endsWith('.') ||
    local.includes('..')
  ) {
    return null;
  }
  const domain = asciiDomain(trimmed.slice(at + 1));
  if (!domain) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => ASCII_LABEL.test(l))) return null;
  const tld = labels[labels.length - 1]!;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  return `${local}@${domain}`;
}
