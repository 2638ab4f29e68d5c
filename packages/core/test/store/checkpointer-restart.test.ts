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
