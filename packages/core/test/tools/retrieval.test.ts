import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, DEFAULT_RETRIEVED_TOOLS, defineTool, lexicalRanker, SEARCH_TOOLS_NAME, tokenize, type Tool, type ToolSource } from '@graft/core';
import { ScriptedProvider } from '@graft/core/testing';

const DOMAINS = [
  ['weather', 'Current weather conditions and temperature for a city'],
  ['forecast', 'Seven-day weather forecast with rain probability for a location'],
  ['stocks', 'Latest stock share price quote for a ticker symbol'],
  ['crypto', 'Cryptocurrency coin price in a fiat currency'],
  ['calendar', 'Create a calendar event with attendees and a start time'],
  ['email', 'Send an email message to a recipient with a subject'],
  ['translate', 'Translate text between languages'],
  ['recipes', 'Find cooking recipes by ingredient'],
  ['flights', 'Search airline flights between two airports on a date'],
  ['github', 'List open pull requests of a GitHub repository'],
  ['spotify', 'Play a song or playlist on Spotify'],
  ['bank_csv', 'Parse a bank statement CSV export into transactions'],
] as const;

function manyTools(copies: number, log: string[] = []): Tool[] {
  const tools: Tool[] = [];
  for (let c = 0; c < copies; c++) {
    for (const [name, description] of DOMAINS) {
      tools.push(
        defineTool({
          name: `${name}_v${c}`,
          description: `${description} (provider ${c})`,
          input: z.object({ query: z.string().optional() }),
          execute: () => {
            log.push(`${name}_v${c}`);
            return { ok: name };
          },
        }),
      );
    }
  }
  return tools;
}

function sentNames(provider: ScriptedProvider, i: number): string[] {
  return (provider.requests[i].tools ?? []).map((t) => t.name);
}

describe('tokenize', () => {
  it('splits names and stems plural/-ing forms, dropping stop words', () => {
    expect(tokenize('getWeatherForecasts for the city_name')).toEqual(['weather', 'forecast', 'citi', 'name']);
    expect(tokenize('parsing statements')).toEqual(tokenize('parse statement'));
    expect(tokenize('driving')).toEqual(tokenize('drive'));
  });
});

describe('lexical ranker', () => {
  it('ranks the tool whose words match first, and ignores unrelated tools', () => {
    const tools = manyTools(1);
    const ranked = lexicalRanker().rank('what is the share price of AAPL stock', tools, 3);
    expect(ranked[0].name).toBe('stocks_v0');
    expect(lexicalRanker().rank('zzzz qqqq', tools, 5)).toEqual([]);
  });

  it('follows the tool list: a tool added later is found, a removed one is not', () => {
    const ranker = lexicalRanker();
    const tools = manyTools(1);
    expect(ranker.rank('parse bank statement csv', tools, 1)[0].name).toBe('bank_csv_v0');
    const without = tools.filter((t) => t.name !== 'bank_csv_v0');
    expect(ranker.rank('parse bank statement csv', without, 5).map((r) => r.name)).not.toContain('bank_csv_v0');
  });
});

describe('near-duplicate lift', () => {
  const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });
  it("a module's matching tool lifts the same tool of other modules just below it (and only with the lift on)", () => {
    const tools = [
      mk('acme_weather__forecast', 'Daily forecast with rain probability'),
      mk('zephyr__get_forecast', 'Outlook for coming days from the Zephyr service'),
      mk('banking__statement', 'Parse a bank statement'),
    ];
    const on = lexicalRanker()
      .rank('will it rain', tools, 3)
      .map((r) => r.name);
    expect(on.slice(0, 2)).toEqual(['acme_weather__forecast', 'zephyr__get_forecast']);
    const off = lexicalRanker({ siblingFactor: 0 })
      .rank('will it rain', tools, 3)
      .map((r) => r.name);
    expect(off).toEqual(['acme_weather__forecast']);
  });
});

describe('agent tool retrieval', () => {
  it('sends every tool (and no search_tools) up to the threshold, even above maxTools', async () => {
    const provider = new ScriptedProvider(['ok']);
    const agent = new Agent({ provider, tools: manyTools(2) }); // 24 tools: above DEFAULT_RETRIEVED_TOOLS, below DEFAULT_RETRIEVAL_THRESHOLD
    expect(24).toBeGreaterThan(DEFAULT_RETRIEVED_TOOLS);
    await agent.run('hello');
    expect(sentNames(provider, 0)).toHaveLength(2 * DOMAINS.length);
    expect(sentNames(provider, 0)).not.toContain(SEARCH_TOOLS_NAME);
  });

  it('with many tools a step sends a bounded, relevant set plus search_tools and always-on tools', async () => {
    const provider = new ScriptedProvider(['ok']);
    const tools = manyTools(10); // 120 tools
    const agent = new Agent({ provider, tools, toolRetrieval: { maxTools: 8, alwaysOn: ['email_v9'] } });
    await agent.run('What is the weather forecast for Paris this week, will it rain?');
    const names = sentNames(provider, 0);
    expect(names.length).toBeLessThanOrEqual(8 + 2);
    expect(names).toContain(SEARCH_TOOLS_NAME);
    expect(names).toContain('email_v9');
    expect(names.filter((n) => n.startsWith('forecast_')).length).toBeGreaterThanOrEqual(5);
    expect(names.some((n) => n.startsWith('github_'))).toBe(false);
  });

  it('the model finds a tool with search_tools, calls it on the next step, and it stays offered on later turns', async () => {
    const log: string[] = [];
    const provider = new ScriptedProvider([
      { toolCalls: [{ name: SEARCH_TOOLS_NAME, args: { query: 'spotify playlist song', limit: 3 } }] },
      { toolCalls: [{ name: 'spotify_v1', args: {} }] },
      'Playing.',
      'Sure.',
    ]);
    const agent = new Agent({ provider, tools: manyTools(10, log), toolRetrieval: { maxTools: 5 } });
    const r = await agent.run('I could use something relaxing', { threadId: 't1' });
    expect(r.status).toBe('done');
    expect(sentNames(provider, 0)).not.toContain('spotify_v1');
    expect(sentNames(provider, 1)).toContain('spotify_v1'); // found by search_tools
    expect(log).toEqual(['spotify_v1']);
    await agent.run('Thanks, and what is the weather?', { threadId: 't1' });
    expect(sentNames(provider, 3)).toContain('spotify_v1'); // used by the thread: still offered
  });

  it('a model cannot smuggle a tool in by writing its name: only registry tools are ever sent or run', async () => {
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'not_a_tool', args: {} }] }, 'ok']);
    const agent = new Agent({ provider, tools: manyTools(10), toolRetrieval: { maxTools: 4 } });
    const r = await agent.run('weather please');
    const err = r.messages.find((m) => m.role === 'tool' && m.isError);
    expect(err?.content).toContain('no tool named');
    expect(err?.content).toContain(SEARCH_TOOLS_NAME); // with many tools: search, not a list of 120 names
    expect(err?.content).not.toContain('github_v3');
    expect(sentNames(provider, 1)).not.toContain('not_a_tool');
  });

  it('search_tools is not callable when retrieval is off or the agent has few tools', async () => {
    const provider = new ScriptedProvider([{ toolCalls: [{ name: SEARCH_TOOLS_NAME, args: { query: 'x' } }] }, 'ok']);
    const agent = new Agent({ provider, tools: manyTools(10), toolRetrieval: false });
    const r = await agent.run('hi');
    expect(sentNames(provider, 0)).toHaveLength(120);
    expect(r.messages.some((m) => m.role === 'tool' && m.isError)).toBe(true);
  });

  it('tools of a source that changes are picked up on the next step', async () => {
    let list = manyTools(3);
    const listeners = new Set<() => void>();
    const source: ToolSource = { list: () => list, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const provider = new ScriptedProvider(['a', 'b']);
    const agent = new Agent({ provider, toolSources: [source], toolRetrieval: { maxTools: 3 } });
    await agent.run('translate this text to German', { threadId: 'x' });
    expect(sentNames(provider, 0)).toContain('translate_v0');
    list = list.filter((t) => !t.name.startsWith('translate_'));
    for (const l of listeners) l();
    await agent.run('translate this text to German', { threadId: 'x' });
    expect(sentNames(provider, 1).some((n) => n.startsWith('translate_'))).toBe(false);
  });

  it('a custom ranker that throws falls back to lexical ranking: the run goes on', async () => {
    const provider = new ScriptedProvider(['ok']);
    const broken = { id: 'broken', rank: () => Promise.reject(new Error('ranker down')) };
    const r = await new Agent({ provider, tools: manyTools(10), toolRetrieval: { ranker: broken, maxTools: 4 } }).run('spotify playlist song');
    expect(r.status).toBe('done');
    expect(sentNames(provider, 0).filter((n) => n.startsWith('spotify_')).length).toBeGreaterThanOrEqual(3);
  });

  it('rejects invalid retrieval options at construction', () => {
    const provider = new ScriptedProvider([]);
    expect(() => new Agent({ provider, toolRetrieval: { maxTools: 0 } })).toThrow(/maxTools/);
  });
});
