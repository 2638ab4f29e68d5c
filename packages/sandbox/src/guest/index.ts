/**
 * The guest environment: what a module's code can use inside the sandbox besides `ctx`.
 * The sandbox entry re-exports this.
 */
export {
  GUEST_GLOBALS,
  GUEST_GLOBALS_DOC,
  PRELUDE_GLOBALS,
  QUICKJS_BUILTIN_GLOBALS,
  GUEST_INSTALLER_SOURCE,
  GUEST_PRELUDE_FILENAME,
  GUEST_PRELUDE_SOURCE,
  guestUnitSource,
} from './prelude.js';
export { GUEST_INSTALLER_FILENAME, installGuestPrelude } from './install.js';
