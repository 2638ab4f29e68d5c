import { readFileSync } from 'node:fs';
import { createGuards } from '@graft/core';
const texts: string[] = [];
for (const f of ['pii.rw.test', 'injection.rw.test', 'pii.test', 'injection.test']) for (const l of readFileSync(`packages/core/eval/${f}.jsonl`, 'utf8').split('\n')) if (l.trim()) texts.push(JSON.parse(l).text);
const chunks: string[] = []; let i = 0; while (chunks.length < 24) { let s = ''; while (s.length < 1024) s += texts[i++ % texts.length] + '\n'; chunks.push(s.slice(0, 1024)); }
const g = createGuards();
for (let k = 0; k < 20000; k++) g.inspectInputSync(chunks[k % 24]!);
