/** Helpers to address other databases on the server named by DATABASE_URL. */

/** The same server, database `postgres` (to create and drop test databases). */
export function adminUrl(url: string): string {
  return databaseUrlWithName(url, 'postgres');
}

export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
