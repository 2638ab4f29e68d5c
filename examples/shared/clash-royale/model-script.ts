/**
 * A scripted "model" for the providers' mock server that behaves like a real one in the
 * Clash Royale flow: it reads each request (tools offered, last message) and answers —
 * a first module with a bug, the fixed module when shown the validation report, tool calls
 * for the agent, and final answers composed from the tool results it received.
 */
import { unspotlight } from '@graft/core';
import { scriptedModuleAuthor } from '@graft/modules/testing';
import { reply, type MockReply, type RecordedRequest } from '@graft/providers/testing';
import type { ClashRoyaleFixtures } from './load.js';

type WireMessage = {
  role: string;
  content?: string | null;
  tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
};

const TAG = /#[0-9A-Z]{3,12}/;

function toolNameOf(messages: WireMessage[], toolCallId: string | undefined): string | undefined {
  for (const m of messages) for (const c of m.tool_calls ?? []) if (c.id === toolCallId) return c.function.name;
  return undefined;
}

function parse(content: string | null | undefined): any {
  try {
    // tool results reach the model spotlighted (delimited, data-marked): read the data inside
    return JSON.parse(unspotlight(content ?? ''));
  } catch {
    return undefined;
  }
}

/** Summary of a `getPlayer` result the way a model would write it. */
export function describePlayer(r: Record<string, any>): string {
  return `${r.name} (${r.tag}) has ${r.trophies} trophies (best ${r.bestTrophies}), ${r.wins} wins and ${r.losses} losses (${r.winRate}% win rate), plays in ${r.arena} and is in the clan ${r.clan}.`;
}

/** The script: `createMockServer({ script: clashRoyaleModelScript(fx) })`. */
export function clashRoyaleModelScript(fx: ClashRoyaleFixtures) {
  // Module generation (the heavy tier): first the buggy draft, then the fix once shown the report.
  const author = scriptedModuleAuthor({ generate: fx.buggy, repair: fx.fixed });
  return (req: RecordedRequest): MockReply => {
    const authored = author(req);
    if (authored) return authored;
    const messages: WireMessage[] = req.body?.messages ?? [];
    const tools: string[] = (req.body?.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
    const last = messages[messages.length - 1];

    if (last?.role === 'user') {
      const text = String(last.content ?? '').toLowerCase();
      if (text.includes('uninstall')) return reply.toolCall('uninstall_module', { name: 'clash-royale-stats' });
      if (text.includes('build')) return reply.toolCall('build_module', { request: String(last.content) });
      if (text.includes('stats')) {
        const tool = tools.find((n) => n.endsWith('__getPlayer'));
        if (!tool) return reply.text("I don't have a Clash Royale tool installed, so I can't look up your stats.");
        const userText = messages.filter((m) => m.role === 'user').map((m) => m.content ?? '').join('\n');
        return reply.toolCall(tool, { tag: TAG.exec(userText)?.[0] ?? fx.player.tag });
      }
      return reply.text('How can I help?');
    }

    if (last?.role === 'tool') {
      const name = toolNameOf(messages, last.tool_call_id) ?? '';
      const result = parse(last.content);
      if (!result) return reply.text(`The tool ${name} failed: ${String(last.content).slice(0, 200)}`);
      if (name === 'build_module') {
        if (result.status === 'installed') return reply.text(`Done: the module ${result.module} is installed. New tools: ${result.tools.join(', ')}.`);
        return reply.text(`The module is not installed (${result.status}): ${result.message ?? ''}`);
      }
      if (name.endsWith('__getPlayer')) return reply.text(describePlayer(result));
      if (name === 'uninstall_module') return reply.text(`The module ${result.module} was uninstalled.`);
      return reply.text(JSON.stringify(result));
    }
    return reply.text('How can I help?');
  };
}
