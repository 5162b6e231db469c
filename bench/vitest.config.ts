import { mergeConfig } from 'vitest/config';
import { tierConfig } from '../vitest.tiers.js';

// Bench tests sit beside each benchmark (`<bench>/test/*.unit.test.ts`), not under src/.
export default mergeConfig(tierConfig('unit'), { test: { include: ['*/test/**/*.unit.test.ts'] } });
