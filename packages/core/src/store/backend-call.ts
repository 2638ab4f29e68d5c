import { StoreError } from './errors.js';

/** Run a backend operation; any failure becomes `STORE_BACKEND_FAILED` with the original as `cause`. */
export async function backendCall<T>(operation: string, path: readonly string[], work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    if (cause instanceof StoreError) throw cause;
    throw new StoreError(
      'STORE_BACKEND_FAILED',
      `The store backend failed to ${operation} (namespace "${path.join('/')}"); see the cause, check the backend is reachable, then retry.`,
      { cause },
    );
  }
}
