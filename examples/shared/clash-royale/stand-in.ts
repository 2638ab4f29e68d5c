/**
 * A local stand-in of the Clash Royale API (127.0.0.1, ephemeral port), built on
 * `@graft/modules/testing`'s `startFakeApi`: serves `/v1/players/%23TAG` and
 * `/v1/players/%23TAG/upcomingchests` for one known player, and answers 403 `accessDenied`
 * unless `Authorization: Bearer <token>` carries the expected token.
 */
import { startFakeApi, type FakeApi, type FakeApiRequest } from '@graft/modules/testing';
import type { ClashRoyaleFixtures } from './load.js';

/** A running stand-in: its origin and every request it received. */
export type ClashRoyaleStandIn = FakeApi;

/** Starts the stand-in; `token` is the only accepted API key. */
export async function startClashRoyaleStandIn(fx: ClashRoyaleFixtures, token: string): Promise<ClashRoyaleStandIn> {
  const known = (req: FakeApiRequest, body: unknown) => (req.params.tag === fx.player.tag ? { body } : { status: 404, body: fx.notFound });
  return startFakeApi({
    apiKey: token,
    unauthorized: { status: 403, body: fx.accessDenied },
    notFound: { status: 404, body: fx.notFound },
    routes: {
      'GET /v1/players/:tag': (req) => known(req, fx.player),
      'GET /v1/players/:tag/upcomingchests': (req) => known(req, fx.upcomingChests),
    },
  });
}
