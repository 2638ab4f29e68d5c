import { afterAll, describe, expect, it } from 'vitest';
import { Annotation, Command, END, START, StateGraph, interrupt } from '@langchain/langgraph';
import { AIMessage, BaseMessage, HumanMessage } from '@langchain/core/messages';
import { createCheckpointer, createStore, type GraftStore } from '@graft/core';
import { tempDir } from './temp-dir.js';

const tmp = tempDir('graft-restart-');
afterAll(() => tmp.remove());

const State = Annotation.Root({
  messages: Annotation<BaseMessage[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  decision: Annotation<string | undefined>(),
});

/** A fresh graph per "process": node bodies count how often they run. */
function buildGraph(store: GraftStore, runs: Record<string, number>) {
  return new StateGraph(State)
    .addNode('prepare', () => {
      runs.prepare = (runs.prepare ?? 0) + 1;
      return { messages: [new AIMessage('I will install the weather module.')] };
    })
    .addNode('approve', () => {
      runs.approve = (runs.approve ?? 0) + 1;
      const answer = interrupt<{ kind: string; bundle: string }, { approved: boolean; by: string }>({
        kind: 'approval',
        bundle: 'sha256:abc',
      });
      return { decision: answer.approved ? `approved by ${answer.by}` : 'rejected' };
    })
    .addNode('install', (state) => {
      runs.install = (runs.install ?? 0) + 1;
      return { messages: [new AIMessage(`installed (${state.decision})`)] };
    })
    .addEdge(START, 'prepare')
    .addEdge('prepare', 'approve')
    .addEdge('approve', 'install')
    .addEdge('install', END)
    .compile({ checkpointer: createCheckpointer(store) });
}

describe('checkpointer across a restart', () => {
  it('resumes an approval interrupt from a new saver on the same SQLite file', async () => {
    const path = tmp.file('threads.db');
    const config = { configurable: { thread_id: 'thread-approval-1' } };

    // Process 1: run until the approval interrupt, then shut down.
    const runs1: Record<string, number> = {};
    const store1 = createStore({ sqlite: path });
    const graph1 = buildGraph(store1, runs1);
    const first = await graph1.invoke({ messages: [new HumanMessage('build me a weather module')] }, config);
    const interrupts = (first as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__;
    expect(interrupts?.[0]?.value).toEqual({ kind: 'approval', bundle: 'sha256:abc' });
    expect(runs1).toEqual({ prepare: 1, approve: 1 });
    await store1.close();

    // Process 2: a brand-new store and saver on the same file.
    const runs2: Record<string, number> = {};
    const store2 = createStore({ sqlite: path });
    const graph2 = buildGraph(store2, runs2);
    const waiting = await graph2.getState(config);
    expect(waiting.next).toEqual(['approve']);
    expect(waiting.tasks[0]?.interrupts[0]?.value).toEqual({ kind: 'approval', bundle: 'sha256:abc' });
    // Typed values survive the serializer: messages come back as message classes.
    expect(waiting.values.messages[0]).toBeInstanceOf(HumanMessage);
    expect(waiting.values.messages[1]).toBeInstanceOf(AIMessage);

    const done = await graph2.invoke(new Command({ resume: { approved: true, by: 'alice' } }), config);
    expect(done.decision).toBe('approved by alice');
    expect(done.messages.map((m: BaseMessage) => m.content)).toEqual([
      'build me a weather module',
      'I will install the weather module.',
      'installed (approved by alice)',
    ]);
    // Work done before the interrupt is not redone; the interrupted node re-runs once to take the answer.
    expect(runs2).toEqual({ approve: 1, install: 1 });
    expect((await graph2.getState(config)).next).toEqual([]);
    await store2.close();
  });

  it('keeps every write of parallel branches (concurrent putWrites) and replays them after reopening', async () => {
    const path = tmp.file('fan-out.db');
    const Fan = Annotation.Root({ hits: Annotation<string[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
    const branches = ['a', 'b', 'c', 'd', 'e', 'f'];
    const build = (store: GraftStore) => {
      let builder: any = new StateGraph(Fan).addNode('start', () => ({ hits: ['start'] }));
      builder = builder.addNode('gate', () => {
        interrupt('continue?');
        return { hits: ['gate'] };
      });
      for (const b of branches) {
        builder = builder.addNode(b, async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
          return { hits: [b] };
        });
        builder = builder.addEdge('start', b).addEdge(b, 'gate');
      }
      return builder
        .addEdge(START, 'start')
        .addEdge('gate', END)
        .compile({ checkpointer: createCheckpointer(store) });
    };
    const config = { configurable: { thread_id: 'fan' } };
    const store1 = createStore({ sqlite: path });
    await build(store1).invoke({ hits: [] }, config);
    await store1.close();

    const store2 = createStore({ sqlite: path });
    const graph2 = build(store2);
    const paused = await graph2.getState(config);
    expect([...paused.values.hits].sort()).toEqual(['start', ...branches].sort());
    const done = await graph2.invoke(new Command({ resume: 'yes' }), config);
    expect(done.hits.slice(0, 1)).toEqual(['start']);
    // Parallel writes are applied in LangGraph's canonical order, the same in every process.
    expect(done.hits.slice(1, 7)).toEqual(branches);
    expect(done.hits.at(-1)).toBe('gate');
    await store2.close();
  });

  it('keeps threads independent and deletes one without touching the other', async () => {
    const store = createStore({ sqlite: tmp.file('two-threads.db') });
    const graph = buildGraph(store, {});
    const a = { configurable: { thread_id: 'a' } };
    const b = { configurable: { thread_id: 'b' } };
    await graph.invoke({ messages: [new HumanMessage('one')] }, a);
    await graph.invoke({ messages: [new HumanMessage('two')] }, b);
    await graph.invoke(new Command({ resume: { approved: false, by: 'bob' } }), b);

    const saver = createCheckpointer(store);
    await saver.deleteThread('a');
    expect(await saver.getTuple(a)).toBeUndefined();
    const stateB = await graph.getState(b);
    expect(stateB.values.decision).toBe('rejected');
    const history = [];
    for await (const tuple of saver.list({}, { limit: 100 })) history.push(tuple.config.configurable?.thread_id);
    expect(new Set(history)).toEqual(new Set(['b']));
    await store.close();
  });
});
