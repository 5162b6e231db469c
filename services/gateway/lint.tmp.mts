import { readFileSync } from 'node:fs';
import { createConfig, lintFromString, formatProblems } from '@redocly/openapi-core';
import SwaggerParser from '@apidevtools/swagger-parser';
const src = readFileSync('/tmp/openapi.json', 'utf8');
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: src, absoluteRef: '/tmp/openapi.json', config });
for (const p of problems) console.log(p.severity, p.ruleId, p.message, p.location?.[0]?.pointer);
try { await SwaggerParser.validate(JSON.parse(src)); console.log('swagger-parser ok'); } catch (e) { console.log('swagger-parser', e.message.slice(0, 2000)); }
