import { afterAll, describe, expect, it } from 'vitest';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { createCheckpointer, createStore } from '@graft/core';
import { tempDir } from './temp-dir.js';

const tmp = tempDir('graft-fork-');
afterAll(() => tmp.remove());

const State = Annotation.Root({ trail: Annotation<string>({ reducer: (a, b) => `${a}${b}`, default: () => '' }) });

describe('checkpointer with forks (time travel)', () => {
  it('a fork from an older checkpoint never changes the history of the original branch', async () => {
    const store = createStore({ sqlite: tmp.file('fork.db') });
    const graph = new StateGraph(State)
      .addNode('a', () => ({ trail: 'A' }))
      .addNode('b', () => ({ trail: 'B' }))
      .addNode('c', () => ({ trail: 'C' }))
      .addEdge(START, 'a')
      .addEdge('a', 'b')
      .addEdge('b', 'c')
      .addEdge('c', END)
      .compile({ checkpointer: createCheckpointer(store) });
    const config = { configurable: { thread_id: 'fork-thread' } };
    await graph.invoke({ trail: '>' }, config);

    const history = [];
    for await (const snapshot of graph.getStateHistory(config)) history.push(snapshot);
    const before = history.map((s) => ({ id: s.config.configurable?.checkpoint_id, trail: s.values.trail }));
    expect(before[0].trail).toBe('>ABC');

    // Fork right after "a" ran, rewrite the state, and run the rest of the graph again.
    const afterA = history.find((s) => s.values.trail === '>A');
    expect(afterA).toBeDefined();
    const forkConfig = await graph.updateState(afterA!.config, { trail: 'x' });
    const forked = await graph.invoke(null, forkConfig);
    expect(forked.trail).toBe('>AxBC');

    // Every checkpoint of the original branch still reads exactly as before.
    for (const { id, trail } of before) {
      const snapshot = await graph.getState({ configurable: { thread_id: 'fork-thread', checkpoint_id: id } });
      expect(snapshot.values.trail).toBe(trail);
    }
    await store.close();
  });
});
