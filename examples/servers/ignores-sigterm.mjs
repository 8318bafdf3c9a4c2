#!/usr/bin/env node
// Broken: keeps running when stdin closes and ignores SIGTERM, so clients have to SIGKILL it.
import { serve } from './lib/raw-server.mjs';

serve({ name: 'ignores-sigterm', exitOnStdinEnd: false });
process.on('SIGTERM', () => console.error('ignores-sigterm: SIGTERM received, ignoring it'));
setInterval(() => undefined, 1000);
