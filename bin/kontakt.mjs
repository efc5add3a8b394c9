#!/usr/bin/env node
// The `kontakt` command. The sources are TypeScript, run through tsx's loader (ADR 0002).
import { register } from 'tsx/esm/api';

register();
await import('../src/server/cli.ts');
