/**
 * PublicStuff's fields as Kontakt reads them (the mapping in `publicstuff-csv.ts`'s module doc):
 * status and result, ZIP code, address text, the Unix time of creation, the point.
 */
import type { AppealStatus } from '../../domain/vocabulary.js';
import type { ResultCode } from '../../domain/results.js';

/** Our status and result of a PublicStuff status (module doc); null when the status is unknown. */
export function mapPublicStuffStatus(
  status: string,
): { status: AppealStatus; result: ResultCode | null } | null {
  switch (status.replace(/\s+/g, ' ').trim().toLowerCase()) {
    case 'submitted':
    case 'received':
      return { status: 'registered', result: null };
    case 'in progress':
      return { status: 'in_work', result: null };
    case 'completed':
      return { status: 'closed', result: 'done_awaiting_confirmation' };
    case 'other':
      return { status: 'closed', result: 'acknowledged' };
    default:
      return null;
  }
}

/**
 * A US ZIP code from the CSV column: five digits (or ZIP+4) as is, three or four digits padded with
 * the leading zeros they lost, «0» or empty → null; anything else is `invalid`.
 */
export function zipCode(text: string): { zip: string | null; invalid: boolean } {
  const t = text.trim();
  if (t === '' || /^0+$/.test(t)) return { zip: null, invalid: false };
  if (/^\d{5}(-\d{4})?$/.test(t)) return { zip: t, invalid: false };
  if (/^\d{3,4}$/.test(t)) return { zip: t.padStart(5, '0'), invalid: false };
  return { zip: null, invalid: true };
}

/** Address text (module doc): dashes and spaces normalised, a bare street line completed. */
export function publicStuffAddress(
  address: string,
  location: string,
  zip: string | null,
): string | null {
  const clean = (s: string) =>
    s
      .replace(/[\u2012-\u2015\u2212]/g, '-')
      .replace(/\s+/g, ' ')
      .replace(/\s+,/g, ',')
      .trim();
  const street = clean(address);
  if (street === '') return null;
  if (street.includes(',') || /\b\d{5}(-\d{4})?$/.test(street)) return street;
  const place = clean(location);
  const tail = [place, zip].filter((s): s is string => !!s).join(' ');
  return tail ? `${street}, ${tail}` : street;
}

/** Unix seconds (or milliseconds above 10^11) → the instant; null when not a positive number. */
export function parseUnixTime(text: string): Date | null {
  const t = text.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  if (!(n > 0)) return null;
  const date = new Date(n > 1e11 ? n : n * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A point when both coordinates are numbers in range and not the 0,0 placeholder. */
export function parsePoint(
  latitude: string,
  longitude: string,
): { latitude: number; longitude: number } | null {
  if (latitude.trim() === '' || longitude.trim() === '') return null;
  const lat = Number(latitude);
  const lon = Number(longitude);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180 || (lat === 0 && lon === 0)) return null;
  return { latitude: lat, longitude: lon };
}
