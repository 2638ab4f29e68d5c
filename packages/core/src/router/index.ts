/**
 * The tier router (LIDM): route each request to the right model tier, escalate when needed.
 */
export { createRouter } from './router.js';
export { RouterConfigError, RouterError, type RouterConfigIssue, type RouterErrorCode } from './errors.js';
export { isLowConfidenceAnswer } from './confidence.js';
export { DEFAULT_CATEGORY_TIERS } from '../defaults.js';
export type {
  BuiltinCategory,
  Category,
  ClassifierFn,
  DecisionSource,
  EscalationConfig,
  RoutedResponse,
  RoutedStream,
  RouteDecision,
  RouteHints,
  RouteOptions,
  Router,
  RouterConfig,
  RouterEvents,
  RouterRule,
  RuleContext,
} from './types.js';
