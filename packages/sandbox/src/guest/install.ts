/**
 * Host-side helper: installs the guest globals in a QuickJS context the fast way.
 */
import type { QuickJSContext } from 'quickjs-emscripten-core';
import { GUEST_INSTALLER_SOURCE, guestUnitSource } from './prelude.js';

/** The file name guest stack traces show for the installer script. */
export const GUEST_INSTALLER_FILENAME = 'graft-guest-installer.js';

/**
 * Installs URL, URLSearchParams, TextEncoder, TextDecoder, atob, btoa and structuredClone in a
 * fresh context, lazily, via {@link GUEST_INSTALLER_SOURCE}: only a ~1 KB script crosses into the
 * guest now; a unit's source crosses (and compiles) only when the module first reads a global it
 * backs. The host function that serves unit sources is handed to the installer's closure and
 * disposed here on the host side; it is never reachable from `globalThis` and returns nothing but
 * constant source strings (or `undefined`). Equivalent to evaluating GUEST_PRELUDE_SOURCE.
 *
 * @throws Error if the installer fails to evaluate (for instance, a context without `eval`).
 */
export function installGuestPrelude(context: QuickJSContext): void {
  const source = context.newFunction('source', (nameHandle) => {
    const text = guestUnitSource(context.getString(nameHandle));
    return text === undefined ? context.undefined : context.newString(text);
  });
  try {
    const install = context.unwrapResult(context.evalCode(GUEST_INSTALLER_SOURCE, GUEST_INSTALLER_FILENAME, { type: 'global' }));
    try {
      context.unwrapResult(context.callFunction(install, context.undefined, source)).dispose();
    } finally {
      install.dispose();
    }
  } finally {
    source.dispose();
  }
}
