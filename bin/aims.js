#!/usr/bin/env node
// The `aims` command. Sources are TypeScript run through tsx's loader, so no build step is needed
// after `npm install` (see docs/adr/0002-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
