import { defineConfig } from 'tsup';
import { graftTsup } from '../../tsup.config';

export default defineConfig(graftTsup());
