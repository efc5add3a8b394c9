#!/usr/bin/env node
// The `kontakt` command: the server bundle (built from the TypeScript sources when they changed,
// ADR 063), or the sources through tsx's loader when no bundle can be built (ADR 002).
import { runKontakt } from './server-bundle.mjs';

await runKontakt();
