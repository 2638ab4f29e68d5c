/**
 * The Clash Royale material of the demo: realistic API responses, the module a model wrote
 * (a first draft with a real bug, and its repair), and a local stand-in of the API on
 * 127.0.0.1 that checks the Bearer token. The same files back `@graft/modules`' end-to-end
 * test, so the demo and the test can never disagree.
 */
export { loadClashRoyaleFixtures, CLASH_ROYALE_ORIGIN, type ClashRoyaleFixtures } from '../shared/clash-royale/load.js';
export { startClashRoyaleStandIn, type ClashRoyaleStandIn } from '../shared/clash-royale/stand-in.js';
