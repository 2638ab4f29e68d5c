/**
 * `@graft/modules/testing`: test doubles for apps and module authors.
 *
 * - {@link scriptedModuleAuthor}: answers a `ModuleManager`'s generation and repair requests on
 *   the providers' mock server with the bundles you give it.
 * - {@link startFakeApi}: a stand-in of a third-party API on 127.0.0.1 with a route table,
 *   an API key check and a request log.
 * @packageDocumentation
 */
export { scriptedModuleAuthor, isModuleAuthorRequest, isRepairRequest, type ModuleAuthorPlan, type ModuleAuthorScript } from './module-author.js';
export { startFakeApi, type FakeApi, type FakeApiOptions, type FakeApiRequest, type FakeResponse, type FakeRoute } from './fake-api.js';
