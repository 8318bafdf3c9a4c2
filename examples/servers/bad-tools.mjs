#!/usr/bin/env node
// Broken: tool names the model APIs reject (space, longer than 64 characters, a duplicate) and an input schema
// that is not an object schema.
import { exampleTool, serve } from './lib/raw-server.mjs';

const objectSchema = { type: 'object', properties: {} };
serve({
  name: 'bad-tools',
  tools: [
    exampleTool,
    { name: 'get weather', description: 'Name with a space.', inputSchema: objectSchema },
    {
      name: 'fetch_the_current_weather_conditions_for_any_city_in_the_world_now',
      description: 'Name longer than 64 characters.',
      inputSchema: objectSchema,
    },
    { name: 'get_forecast', description: 'Duplicate name.', inputSchema: objectSchema },
    { name: 'set_units', description: 'Schema is not an object schema.', inputSchema: { type: 'string' } },
  ],
});
