/**
 * Test-only loader for OpenTelemetry. The root vitest config passes the `module` export
 * condition to Node for external packages, which makes `@opentelemetry/api` resolve to its
 * bundler-only ESM build (extensionless imports Node cannot load). Point Node's resolver at
 * the package's CommonJS build instead, for every `require` in this worker (ours, the SDK's,
 * and the agent's lazy loader), so all of them share one API instance.
 */
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const esmEntry = require.resolve('@opentelemetry/api'); // resolves (to build/esm/index.js); only loading it fails
const cjsEntry = join(dirname(esmEntry), '..', 'src', 'index.js');

type Resolve = (request: string, ...rest: unknown[]) => string;
const mod = Module as unknown as { _resolveFilename: Resolve };
const original = mod._resolveFilename;
if (!(original as { graftPatched?: boolean }).graftPatched) {
  const patched: Resolve = function (this: unknown, request, ...rest) {
    if (request === '@opentelemetry/api') return cjsEntry;
    return original.call(this, request, ...rest);
  };
  (patched as { graftPatched?: boolean }).graftPatched = true;
  mod._resolveFilename = patched;
}

export const otel = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
export const sdk = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
