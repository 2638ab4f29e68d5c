/**
 * The recorded conversation the demo replays when no live model is configured: the replies a
 * model gave in this flow, in order, served over real HTTP by the providers' mock server.
 * The module code inside them is the model's real output (a first draft whose player tag is
 * not percent-encoded — sampled as three candidates — then its repair). Everything downstream is real: the sandbox runs the
 * tests, the approval and the key go through the app, the live test calls the stand-in API.
 */
import { reply, type MockReply } from '@graft/providers/testing';
import type { ClashRoyaleFixtures } from './clash-royale.js';

/** What the user types in the demo. */
export const DEMO_PROMPTS = {
  build: 'Build me a module for my Clash Royale stats. My player tag is #8QJ2UYRC.',
  ask: 'How many trophies do I have?',
} as const;

const submit = (b: ClashRoyaleFixtures['buggy']) => reply.toolCall('submit_module', { manifest: b.manifest, code: b.code, tests: b.tests });

/** The replies, in the order the agent and the module builder ask for them. */
export function recordedConversation(fx: ClashRoyaleFixtures): MockReply[] {
  const p = fx.player;
  const games = p.wins + p.losses;
  const winRate = Math.round((p.wins / games) * 1000) / 10;
  return [
    // 1. The agent (standard tier) decides to build a module.
    reply.toolCall('build_module', {
      request:
        'Track my Clash Royale player stats (trophies, best trophies, wins, losses, arena, clan) and upcoming chests for player tag #8QJ2UYRC, using the official Clash Royale API.',
    }),
    // 2. The module builder (heavy tier) samples three candidates (`DEFAULT_CANDIDATES`): the same
    //    first draft each time, with the same bug, so they agree (and all fail their tests).
    submit(fx.buggy),
    submit(fx.buggy),
    submit(fx.buggy),
    // 3. Shown the failing tests, it submits the repair.
    submit(fx.fixed),
    // 4. The build tool reported the installed module; the agent tells the user.
    reply.text(
      'Done! The clash-royale-stats module is installed and tested against the live API. I can now look up your trophies, record, arena, clan and upcoming chests.',
    ),
    // 5. The user asks a question: the agent calls the new tool.
    reply.toolCall('clash-royale-stats__getPlayer', { tag: p.tag }),
    // 6. And answers from the tool's result.
    reply.text(
      `You have ${p.trophies.toLocaleString('en-US')} trophies (your best is ${p.bestTrophies.toLocaleString('en-US')}), ` +
        `with ${p.wins.toLocaleString('en-US')} wins and ${p.losses.toLocaleString('en-US')} losses (${winRate}% win rate) in ${p.arena.name}.`,
    ),
  ];
}
