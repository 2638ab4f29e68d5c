import { GraftCoreError } from '../errors.js';

/** One problem in a router configuration. */
export interface RouterConfigIssue {
  /** Dotted path of the bad field, e.g. `categories.coding`. */
  path: string;
  /** What is wrong with it. */
  message: string;
}

/**
 * The router configuration is invalid (code `ROUTER_CONFIG_INVALID`). `issues` lists every
 * problem with the path of the field; the message repeats them. On `router.update` the
 * previous configuration stays in force.
 */
export class RouterConfigError extends GraftCoreError {
  /** Stable machine-readable code. */
  declare readonly code: 'ROUTER_CONFIG_INVALID';
  /** Every problem found, with its field path. */
  readonly issues: RouterConfigIssue[];

  constructor(issues: RouterConfigIssue[]) {
    super(
      'ROUTER_CONFIG_INVALID',
      `Invalid router configuration: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}. Fix these fields and try again.`,
    );
    this.issues = issues;
  }
}

/** Stable codes of {@link RouterError}. */
export type RouterErrorCode =
  /** `router.provider(name)` named neither a tier nor a category. */
  | 'ROUTER_UNKNOWN_TIER'
  /** `router.on(event)` named an event the router does not emit. */
  | 'ROUTER_UNKNOWN_EVENT';

/** A router call that cannot be served (provider failures are rethrown as they are). */
export class RouterError extends GraftCoreError {
  /** Stable machine-readable code. */
  declare readonly code: RouterErrorCode;

  constructor(code: RouterErrorCode, message: string) {
    super(code, message);
  }
}
