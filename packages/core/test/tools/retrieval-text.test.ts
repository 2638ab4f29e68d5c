/** How the lexical ranker reads requests and tool names: tokens, phrases, payload, multi-intent requests, rank fusion. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, lexicalRanker, tokenize, type Tool } from '@graft/core';
import { fuseScores, interleaveParts, queryParts } from '../../src/tools/retrieval/fusion.js';
import { splitPayload } from '../../src/tools/retrieval/payload.js';

const mk = (name: string, description: string): Tool => defineTool({ name, description, input: z.object({}), execute: () => null });
const names = (tools: Tool[], query: string, limit: number) =>
  lexicalRanker()
    .rank(query, tools, limit)
    .map((r) => r.name);

describe('tokenize', () => {
  it('splits acronyms before capitalised words and spells out abbreviations after them', () => {
    expect(tokenize('HTTPServer')).toEqual(['http', 'server']);
    expect(tokenize('temp')).toEqual(['temp', ...tokenize('temperature')]);
    expect(tokenize('list_txns')).toEqual(['list', 'txn', ...tokenize('transactions')]);
    expect(tokenize('how long is the drive')).not.toContain(tokenize('longitude')[0]); // "long" is not an abbreviation
  });

  it('drops function words such as "here" (which would match a module named HERE)', () => {
    expect(tokenize('best way to get there from here')).toEqual(tokenize('best way'));
  });

  it('keeps plural acronyms, hyphenated stop-word pairs and a one-letter prefix before a capital as one word', () => {
    expect(tokenize('Which PRs are open')).toEqual([tokenize('pr')[0], tokenize('open')[0]]);
    expect(tokenize('show my to-dos')).toEqual(tokenize('show todos'));
    expect(tokenize('how many kWh')).toContain('kwh');
    expect(tokenize('iCloud Drive')).toEqual(tokenize('icloud drive'));
    expect(tokenize('parseConfig camelCase v2Api')).toEqual(tokenize('parse config camel case v2 api'));
    expect(tokenize('kick-off')).toEqual(tokenize('kick off')); // not stop words: stays two words
  });
});

describe('synonym phrases', () => {
  const tools = [
    mk('fitness__pulse', 'Resting pulse and HRV over a period'),
    mk('fx__table', 'Currency exchange table for a base currency'),
    mk('shop__inventory', 'Units left of each product in the warehouse'),
  ];

  it('a phrase entry ("heart rate") expands only where its words occur in a row', () => {
    expect(names(tools, 'euro exchange rate', 3)).not.toContain('fitness__pulse');
    expect(names(tools, 'what is my heart rate', 3)[0]).toBe('fitness__pulse');
  });

  it('one word of a phrase ("stock" of "stock level") does not pull in the phrase group', () => {
    expect(names(tools, 'stock price of ACME', 3)).not.toContain('shop__inventory');
    expect(names(tools, 'how many units left in stock', 3)[0]).toBe('shop__inventory');
  });
});

describe('phrase precedence', () => {
  const tools = [mk('notes__create_note', 'Create a note with text'), mk('monitor__uptime_status', 'Uptime and outages of monitored websites')];

  it('a word inside a mentioned phrase ("down" in "jot down") does not trigger its own groups', () => {
    expect(names(tools, 'jot down: the wifi password is on the fridge', 2)[0]).toBe('notes__create_note');
    expect(names(tools, 'is the website down for everyone', 2)[0]).toBe('monitor__uptime_status');
  });
});

describe('payload', () => {
  it('quoted text and URLs are what a tool works on, not which tool', () => {
    const q = splitPayload('translate "where is the train station" into German, see https://docs.example.org/guide or mail a@b.io');
    expect(q.quoted).toBe('where is the train station');
    expect(q.intent).not.toContain('station');
    expect(q.intent).not.toContain('docs.example');
    expect(q.intent).toContain('link');
    expect(q.intent).toContain('email address');
    expect(splitPayload("what's the weather").quoted).toBe(''); // an apostrophe is not a quote
  });

  it('ranks the tool for the task above tools matching the quoted text or the URL', () => {
    const tools = [
      mk('lang__translate', 'Translate text into another language'),
      mk('rail__station_departures', 'Next trains leaving a train station'),
      mk('links__shorten', 'Shorten a long link'),
      mk('docs__guide', 'Open pages of the documentation guide'),
    ];
    expect(names(tools, 'translate "where is the train station" into German', 1)).toEqual(['lang__translate']);
    expect(names(tools, 'shorten https://docs.example.org/guide', 1)).toEqual(['links__shorten']);
  });

  it('a URL is the web page the request is about: "read this article: <url>" fetches the page rather than searching news articles', () => {
    expect(splitPayload('read this: https://blog.example.com/post').intent).toContain('web page link');
    const tools = [mk('news__search_articles', 'Search news articles by keyword'), mk('web__fetch_page', 'Fetch a web page and return its readable text')];
    expect(names(tools, 'read this article for me and give me the gist: https://blog.example.com/post', 1)).toEqual(['web__fetch_page']);
  });
});

describe('multi-intent requests', () => {
  it('splits at "Also:" and ", then", keeps short provider hints with their part, and leaves one intent whole', () => {
    expect(queryParts('Refund the last payment (Stripe) Also: tell the team in the chat channel')).toEqual([
      'Refund the last payment (Stripe)',
      'tell the team in the chat channel',
    ]);
    expect(queryParts('check the build status, then post the result to the channel')).toEqual(['check the build status', 'post the result to the channel']);
    expect(queryParts('Any news today? Also: via Acme')).toEqual([]);
    expect(queryParts('What is the weather in Paris? Will it rain?')).toEqual([]);
  });

  it("each part's tool is in the top few even when the other part has many near-duplicates", () => {
    const providers = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const tools = [
      ...providers.map((m) => mk(`${m}pay__refund_payment`, 'Refund a customer payment fully or partially, refund the order payment')),
      mk('chat__post_message', 'Post a message to a team chat channel'),
      ...Array.from({ length: 40 }, (_, i) => mk(`misc${i}__helper`, `Weather, maps and notes helper number ${i}`)),
    ];
    const query = 'Refund the customer payment for order 12 and refund the order payment in full. Also: notify the team channel';
    const both = names(tools, query, 4);
    expect(both).toContain('chat__post_message');
    expect(both.filter((n) => n.endsWith('__refund_payment')).length).toBeGreaterThanOrEqual(2);
  });

  it('interleaves whole and parts without repeating a tool', () => {
    const r = (...xs: string[]) => xs.map((name, i) => ({ name, score: 10 - i }));
    expect(interleaveParts(r('a', 'b', 'c'), [r('a', 'x'), r('y')], 5, 1).map((t) => t.name)).toEqual(['a', 'x', 'y', 'b', 'c']);
  });
});

describe('fuseScores (lexical-dominant hybrid fusion)', () => {
  const r = (...xs: Array<[string, number]>) => xs.map(([name, score]) => ({ name, score }));
  it('keeps what BM25 finds: a clear lexical winner stays first when cosine prefers another tool', () => {
    const fused = fuseScores(r(['lex-best', 10], ['lex-second', 4]), r(['cos-best', 0.9], ['lex-second', 0.8], ['lex-best', 0.2]), 0.1, 3).map((t) => t.name);
    expect(fused[0]).toBe('lex-best');
    expect(fused).toEqual(['lex-best', 'lex-second', 'cos-best']);
  });
  it('cosine breaks a lexical tie and adds a tool BM25 missed', () => {
    const fused = fuseScores(r(['a', 5], ['b', 5]), r(['b', 0.9], ['missed', 0.7], ['a', 0.1]), 0.1, 3).map((t) => t.name);
    expect(fused).toEqual(['b', 'a', 'missed']);
  });
  it('ranks by cosine alone when BM25 finds nothing', () => {
    expect(fuseScores([], r(['x', 0.5], ['y', 0.3]), 0.1, 5).map((t) => t.name)).toEqual(['x', 'y']);
  });
});
