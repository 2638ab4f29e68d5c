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

/**
 * Candidates a `ModuleManager` samples per module generation (on the heavy tier) by default: the
 * winner is picked by tests passed, then by execution agreement (`confidence`). `limits.candidates`
 * changes it; `1` turns sampling off. The candidate budget may lower it per build.
 */
export const DEFAULT_CANDIDATES = 3;

/**
 * Default token budget of one generation's candidates (`limits.candidateBudget.maxTokens`):
 * k is lowered until k × the estimated tokens of one candidate fits (at least one is sampled).
 */
export const DEFAULT_CANDIDATE_BUDGET_TOKENS = 120_000;

/**
 * Confidence (execution agreement of the winning candidate, 0..1) below which the build repairs
 * from the disagreement: the inputs where candidates' outputs differ go back to the model, which
 * must decide their expected outputs as new test cases (`limits.minConfidence`).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.9;

/** Disagreement repair rounds of one build at most (`limits.disagreementRounds`; 0 turns it off). */
export const DEFAULT_DISAGREEMENT_ROUNDS = 2;

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

/** Name of the code-mode tool (`CodeModeToolSource`). */
export const CODE_MODE_TOOL_NAME = 'run_script';

/** Longest script the code-mode tool accepts, characters. */
export const CODE_MODE_MAX_SCRIPT_CHARS = 20_000;

/** Tool calls one code-mode script may make. */
export const CODE_MODE_MAX_TOOL_CALLS = 25;

/** Wall-clock limit of one code-mode script (its tool calls included), ms. */
export const CODE_MODE_TIME_MS = 60_000;

/**
 * Deadline of the sandbox run that tests a module input schema's regular expressions against a
 * tool call's arguments (they never run on the host); past it the call fails with
 * `MODULE_TOOL_INPUT_INVALID` and the model is told to send a different value.
 */
export const PATTERN_CHECK_TIME_MS = 1_000;
/** Most (pattern, string) tests one tool call's arguments may need; more is refused. */
export const MAX_PATTERN_TESTS = 100_000;

/** Default lifetime of an approval, ms (15 minutes); `approvalTtlMs` of `ModuleManager` changes it. */
export const DEFAULT_APPROVAL_TTL_MS = 15 * 60_000;

/** Minimum length of an approval signing key, bytes. */
export const MIN_APPROVAL_KEY_BYTES = 32;

/** Length of an approval key's public fingerprint (`Approval.keyId`), hex characters. */
export const APPROVAL_KEY_ID_CHARS = 16;

/** HKDF `info` that derives the default approval key from the vault's master key. */
export const APPROVAL_KEY_HKDF_INFO = 'graft-modules:approval-key:v1';

/** How long a passing validation report stays on record for `approve`/`install`, ms (7 days). */
export const VALIDATION_RECORD_TTL_MS = 7 * 24 * 60 * 60_000;

/** `build_module` calls of one thread that may wait for approval at once; more are refused (`MODULE_TOO_MANY_BUILDS`). */
export const MAX_PENDING_BUILDS_PER_THREAD = 8;

/** How long a pending `build_module` (its stored bundle, waiting for the user) is kept, ms (7 days). */
export const PENDING_BUILD_TTL_MS = 7 * 24 * 60 * 60_000;

/** A `build_module` call still `building` after this long (ms, 30 minutes) no longer counts against the thread's limit. */
export const PENDING_BUILDING_STALE_MS = 30 * 60_000;
/** Longest a tool call served over MCP may run, ms, before it is cancelled and reported as an error. */
export const DEFAULT_MCP_CALL_TIMEOUT_MS = 60_000;

/** Largest MCP HTTP request body accepted, bytes (larger ones get 413). */
export const MAX_MCP_BODY_BYTES = 1024 * 1024;

/** Most concurrent MCP HTTP sessions; new sessions beyond it are refused with 503 until others close. */
export const MAX_MCP_SESSIONS = 1_000;

/** Path the MCP HTTP server answers on by default. */
export const DEFAULT_MCP_PATH = '/mcp';

/** An MCP HTTP session without a request for this long is closed, ms. */
export const DEFAULT_MCP_SESSION_IDLE_MS = 30 * 60_000;

/** Edge cases one `curriculum` run proposes and runs at most (the model is asked for no more). */
export const DEFAULT_CURRICULUM_MAX_PROPOSALS = 8;

/** Model calls one `curriculum` run makes at most to propose cases (an unreadable reply sent back counts). */
export const DEFAULT_CURRICULUM_MAX_MODEL_CALLS = 3;

/** Tokens (input + output, as the provider reports them) one `curriculum` run spends at most proposing cases; no call starts past it. */
export const DEFAULT_CURRICULUM_MAX_TOKENS = 40_000;

/** Characters of a module's code quoted in a curriculum prompt at most. */
export const MAX_CURRICULUM_CODE_CHARS = 24_000;

/** Existing and recorded test cases shown to the curriculum model at most (as examples of inputs and fixtures). */
export const MAX_CURRICULUM_EXAMPLE_CASES = 6;

/** Size of one proposed case (input, fixtures, expectation) as JSON, characters, at most. */
export const MAX_CURRICULUM_CASE_CHARS = 16_000;

// ── Module generation, validation and repair ──

/** How many times an unreadable model reply is sent back to the model before giving up. */
export const MAX_OUTPUT_RETRIES = 2;

/** Maximum number of candidates `generateDrafts` samples at once. */
export const MAX_CANDIDATES = 8;

/** Sampling temperature used when several candidates are requested (diversity matters then). */
export const CANDIDATE_TEMPERATURE = 0.8;

/** Maximum characters of an actual/expected value quoted back to the model in a repair prompt. */
export const MAX_REPAIR_VALUE_CHARS = 2_000;

/** Maximum number of failing cases detailed in one repair prompt. */
export const MAX_REPAIR_CASES = 12;

/** Maximum characters of API docs included in a generation prompt. */
export const MAX_DOCS_CHARS = 60_000;

/** Test cases of one validation are split into at most this many concurrent `runTests` calls. */
export const VALIDATION_CHUNKS = 4;

/** Least time between two `module.progress` events of one streaming generation or repair call. */
export const GENERATION_PROGRESS_INTERVAL_MS = 500;

/** Characters per token when a candidate's prompt is estimated (the providers' estimate uses 4 too). */
export const CANDIDATE_CHARS_PER_TOKEN = 4;

/**
 * Output tokens one candidate is assumed to write (manifest, code and tests, plus one retry's
 * worth of slack) when the candidate budget is checked before sampling.
 */
export const CANDIDATE_OUTPUT_TOKENS_ESTIMATE = 8_000;

/** Most disagreeing inputs detailed in one disagreement repair prompt. */
export const MAX_DISAGREEMENT_INPUTS = 8;

// ── Agent meta-tools, tool source and code mode ──

/** MAX_ISSUES. */
export const MAX_ISSUES = 8;

/** Most changed outputs an upgrade's approval lists. */
export const MAX_REGRESSIONS_SHOWN = 8;

/** MAX_FAILURES_SHOWN. */
export const MAX_FAILURES_SHOWN = 8;

/** DEFAULT_BUILD_TIMEOUT_MS. */
export const DEFAULT_BUILD_TIMEOUT_MS = 10 * 60_000;

/** MAX_TOOL_DESCRIPTION_CHARS. */
export const MAX_TOOL_DESCRIPTION_CHARS = 200;
