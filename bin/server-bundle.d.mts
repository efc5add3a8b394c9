/** Types of `server-bundle.mjs` (ADR 063). */
/** Absolute path of the bundle, `dist/server/kontakt.mjs`. */
export declare const BUNDLE: string;
/**
 * Whether the bundle (`dist/server/kontakt.mjs` unless given) is whole and was built from the
 * sources as they are now, by this esbuild.
 */
export declare function bundleFresh(bundle?: string): boolean;
/** Build the bundle (`dist/server/kontakt.mjs` unless given) now; resolves to the milliseconds it took. */
export declare function buildBundle(bundle?: string): Promise<number>;
/**
 * SHA-256 (hex) over each input's path (relative to the checkout, posix) and the SHA-256 of its
 * bytes, in order; `known` gives per-file hashes already taken.
 */
export declare function digest(
  files: readonly string[],
  known?: ReadonlyMap<string, string>,
): string;
/** Run the `kontakt` command from the bundle, or from the sources through tsx. */
export declare function runKontakt(): Promise<void>;
/** `npm run build:server`: build now and print where. */
export declare function buildFromCommandLine(): Promise<void>;
