/**
 * Defaults and limits of `@graft/modules`, in one place.
 */

/** Consecutive failed tool calls after which a module's breaker disables it. */
export const DEFAULT_BREAKER_THRESHOLD = 5;

/** Maximum size of a module's code, bytes (UTF-8). */
export const MAX_CODE_BYTES = 512 * 1024;

/** Maximum size of a module's declarative tests, bytes (canonical JSON). */
export const MAX_TESTS_BYTES = 1024 * 1024;

/** Maximum length of a module name (kept short so `module__tool` fits provider limits). */
export const MAX_MODULE_NAME_LENGTH = 40;

/** Maximum length of a tool name inside a module. */
export const MAX_TOOL_NAME_LENGTH = 21;

/** Separator between module and tool in agent tool names: `clash-royale__getPlayer`. */
export const TOOL_NAMESPACE_SEPARATOR = '__';

/** Maximum number of tools one module may export. */
export const MAX_TOOLS_PER_MODULE = 32;

/** Maximum number of hosts a module may declare. */
export const MAX_HOSTS_PER_MODULE = 16;

/** Maximum number of credentials a module may declare. */
export const MAX_CREDENTIALS_PER_MODULE = 8;

/** Maximum length of one credential value, characters. */
export const MAX_CREDENTIAL_VALUE_LENGTH = 8 * 1024;

/** Default number of repair rounds (`repair` stops earlier when two rounds fail identically). */
export const DEFAULT_REPAIR_ROUNDS = 3;

/** Key prefix of every registry record in the store. */
export const REGISTRY_PREFIX = 'graft-modules/';

/** Key prefix of every vault record in the store. */
export const VAULT_PREFIX = 'graft-vault/';

/** Length of the vault's AES-256-GCM key, bytes. */
export const VAULT_KEY_BYTES = 32;

/** Length of the random IV of each encrypted value, bytes (96 bits, as GCM recommends). */
export const VAULT_IV_BYTES = 12;

/** The environment variable the vault reads its master key from. */
export const MASTER_KEY_ENV = 'GRAFT_MASTER_KEY';

/** The explicit opt-in value for the insecure development key. */
export const INSECURE_DEV_KEY = 'INSECURE_DEV_KEY' as const;

/** How long an install or uninstall holds a module's lock at most (a crashed holder's lock lapses after this), ms. */
export const MODULE_LOCK_TTL_MS = 60_000;

/** How long an install or uninstall waits for another instance's lock on the same module before `MODULE_BUSY`, ms. */
export const MODULE_LOCK_WAIT_MS = 30_000;
