/** Types of `server-bundle.mjs` (ADR 063). */
/** Absolute path of the bundle, `dist/server/kontakt.mjs`. */
export declare const BUNDLE: string;
/** Whether the bundle (`dist/server/kontakt.mjs` unless given) exists and was built from the sources as they are now. */
export declare function bundleFresh(bundle?: string): boolean;
/** Build the bundle (`dist/server/kontakt.mjs` unless given) now; resolves to the milliseconds it took. */
export declare function buildBundle(bundle?: string): Promise<number>;
/** Run the `kontakt` command from the bundle, or from the sources through tsx. */
export declare function runKontakt(): Promise<void>;
/** SHA-256 (hex) over the files (paths relative to the checkout, in order) and their contents. */
export declare function digest(files: readonly string[]): string;
