/**
 * Sensitive `requestInput` answers are scrubbed from tool results and tool errors by the shared
 * scrubber: an answer holding `'"\%+&=/` and spaces, echoed by a tool in every encoding the host
 * produces (WHATWG URL serialization with `%27`, form encoding, JSON twice, Basic base64, hex),
 * never reaches the model, the events or the stream.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reply } from '@graft/providers/testing';
import { Agent, defineTool } from '@graft/core';
import { collectStream, recordEvents } from '@graft/core/testing';
import { mockModel, useE2E } from '../e2e/helpers.js';

useE2E();

const INPUT = `in'pu"t\\ v%al+&=/ ue`;

function encodings(v: string): Record<string, string> {
  const uri = encodeURIComponent(v);
  const json = JSON.stringify(v).slice(1, -1);
  return {
    whatwgQuery: new URL(`http://h/?k=${uri}`).search.slice(3),
    form: new URLSearchParams({ k: v }).toString().slice(2),
    jsonTwice: JSON.stringify(json).slice(1, -1),
    basic: Buffer.from(`user:${v}`).toString('base64').slice(8, -4),
    hex: Buffer.from(v).toString('hex'),
    raw: v,
  };
}

describe('requestInput answers in tool output', () => {
  for (const failing of [false, true]) {
    it(`are scrubbed in every encoding from a tool ${failing ? 'error' : 'result'}`, async () => {
      const echo = defineTool({
        name: 'echo_pin',
        description: 'Echo the PIN in many encodings',
        input: z.object({}),
        execute: async (_args, ctx) => {
          const pin = await ctx.requestInput<string>({ type: 'pin', message: 'PIN?' });
          const e = encodings(pin);
          const out = {
            url: new URL(`https://api.example.com/v1?pin=${encodeURIComponent(pin)}`).href,
            form: new URLSearchParams({ pin }).toString(),
            nested: JSON.stringify(JSON.stringify({ pin })),
            basic: `Basic ${Buffer.from(`user:${pin}`).toString('base64')}`,
            hex: e.hex,
          };
          if (failing) throw new Error(`upstream refused ${JSON.stringify(out)}`);
          return out;
        },
      });
      const { server, provider } = await mockModel([reply.toolCall('echo_pin', {}), reply.text('ok')]);
      const agent = new Agent({ provider, tools: [echo] });
      const ev = recordEvents(agent);
      const r1 = await agent.run('check my pin', { threadId: `pin-${failing}` });
      if (r1.status !== 'interrupted') throw new Error('expected an input interrupt');
      const { events } = await collectStream(agent.resumeStream(`pin-${failing}`, { id: r1.interrupt.id, type: 'input', value: INPUT }));
      const wire = server.requests.map((q) => q.rawBody).join('\n');
      expect(wire).toContain('[REDACTED_INPUT]');
      const haystacks = { wire, events: JSON.stringify(ev.events), stream: JSON.stringify(events) };
      for (const [where, text] of Object.entries(haystacks)) {
        const found = Object.entries(encodings(INPUT)).filter(([, f]) => text.includes(f) || text.includes(JSON.stringify(f).slice(1, -1)));
        expect({ where, found: found.map(([n]) => n) }).toEqual({ where, found: [] });
      }
    });
  }
});
