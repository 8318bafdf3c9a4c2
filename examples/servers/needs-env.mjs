#!/usr/bin/env node
// Broken: relies on API_TOKEN from the developer's shell. Clients start servers with a stripped environment (the
// config's `env` block plus a short allow-list), so the variable is missing there. Fix: declare it in `env`.
import { serve } from './lib/raw-server.mjs';

if (!process.env.API_TOKEN) {
  console.error('Error: API_TOKEN is not set. Get a token at https://example.com/tokens and export API_TOKEN.');
  process.exit(1);
}
serve({ name: 'needs-env' });
