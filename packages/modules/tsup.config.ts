import { defineConfig } from 'tsup';
import { graftTsup } from '../../tsup.config';

export default defineConfig(graftTsup({ index: 'src/index.ts', testing: 'src/testing/index.ts' }));
