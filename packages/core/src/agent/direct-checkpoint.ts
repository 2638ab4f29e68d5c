/**
 * Reading and writing the thread's LangGraph checkpoint for the direct loop, in the format
 * LangGraph's Pregel loop itself writes when a run exits (checkpoint `v: 4`, channel
 * versions from the saver's `getNextVersion`, time-ordered uuid6 ids, `source: 'loop'`
 * metadata), so LangGraph reads, resumes and lists these threads exactly as its own.
 */
import { randomBytes } from 'node:crypto';
import type { BaseCheckpointSaver, Checkpoint, CheckpointMetadata, CheckpointTuple } from '@langchain/langgraph';
import { STATE_CHANNELS, type AgentState, type StateChannel } from './state.js';

/** LangGraph's channel of pending `Send` tasks (always present, empty, in an exit checkpoint). */
export const TASKS_CHANNEL = '__pregel_tasks' as const;
/** LangGraph's checkpoint format version (`@langchain/langgraph` 1.x). */
const CHECKPOINT_FORMAT = 4;
/** 100 ns ticks from 1582-10-15 (the uuid epoch) to 1970-01-01 (0x01b21dd213814000), its high 28 and low 32 bits. */
const UUID_EPOCH_OFFSET_HIGH = 0x01b21dd2;
const UUID_EPOCH_OFFSET_LOW = 0x13814000;
/** uuid timestamp ticks (100 ns) per millisecond. */
const TICKS_PER_MS = 10_000;
const NO_VALUES: Readonly<Record<string, unknown>> = Object.freeze({});

type Version = string | number;

/**
 * True when LangGraph has nothing left to do on the thread: no pending writes (interrupts,
 * finished tasks of an interrupted step), no pending sends and no channel other than the
 * agent's state. Anything else (including a checkpoint shape this code does not know) is
 * left to LangGraph.
 */
export function isIdle(tuple: CheckpointTuple | undefined): boolean {
  if (!tuple) return true;
  if (tuple.pendingWrites?.length) return false;
  const values = tuple.checkpoint.channel_values ?? {};
  for (const key of Object.keys(values)) {
    if (key in STATE_CHANNELS) continue;
    if (key === TASKS_CHANNEL && Array.isArray(values[key]) && (values[key] as unknown[]).length === 0) continue;
    return false;
  }
  return true;
}

/** The agent state held by a checkpoint (defaults for missing channels). */
export function stateOf(tuple: CheckpointTuple | undefined): AgentState {
  const v = (tuple?.checkpoint.channel_values ?? NO_VALUES) as Partial<AgentState>;
  const c = STATE_CHANNELS;
  // one literal in the channels' order (a new object: the direct loop changes it in place)
  return {
    messages: v.messages !== undefined ? v.messages : c.messages.init(),
    input: v.input !== undefined ? v.input : c.input.init(),
    step: v.step !== undefined ? v.step : c.step.init(),
    usage: v.usage !== undefined ? v.usage : c.usage.init(),
    repairs: v.repairs !== undefined ? v.repairs : c.repairs.init(),
    issues: v.issues !== undefined ? v.issues : c.issues.init(),
    failed: v.failed !== undefined ? v.failed : c.failed.init(),
  };
}

function maxVersion(versions: Iterable<Version>): Version | undefined {
  let max: Version | undefined;
  for (const v of versions) {
    if (max === undefined) max = v;
    else if (typeof max === 'number' && typeof v === 'number') max = v > max ? v : max;
    else max = String(v).localeCompare(String(max)) > 0 ? v : max;
  }
  return max;
}

/** The uuid timestamp (100 ns ticks) of the last id made here, as its high 28 and low 32 bits. */
let lastHigh = 0;
let lastLow = 0;
/** The last id made here (its timestamp is `lastHigh`:`lastLow`). */
let lastId = '';
/** The uuid "node" field: random once per process, as uuid v1/v6 generators do. */
const NODE = randomBytes(6).toString('hex');
const TWO_32 = 2 ** 32;
const TWO_16 = 2 ** 16;

/**
 * A uuid v6 (time-ordered, like LangGraph's checkpoint ids) strictly after `after` and every id
 * made here. The 60-bit timestamp is kept as two exact numbers (28 + 32 bits), not a BigInt.
 */
export function checkpointId(clockseq: number, after?: string, now = Date.now()): string {
  // ticks = now * 10_000 + UUID_EPOCH_OFFSET, in parts that stay exact as doubles
  const msHigh = Math.floor(now / TWO_16);
  const scaled = msHigh * TICKS_PER_MS; // < 2^41
  let low = (scaled % TWO_16) * TWO_16 + (now - msHigh * TWO_16) * TICKS_PER_MS + UUID_EPOCH_OFFSET_LOW;
  let high = Math.floor(scaled / TWO_16) + UUID_EPOCH_OFFSET_HIGH + Math.floor(low / TWO_32);
  low %= TWO_32;
  if (high < lastHigh || (high === lastHigh && low <= lastLow)) [high, low] = nextTick(lastHigh, lastLow);
  // (a prior id made here, the usual case, is already behind the last timestamp)
  if (after && after !== lastId && /^[0-9a-f]{8}-[0-9a-f]{4}-6[0-9a-f]{3}-/i.test(after)) {
    const priorHigh = parseInt(after.slice(0, 7), 16);
    const priorLow = parseInt(after.slice(7, 8) + after.slice(9, 13) + after.slice(15, 18), 16);
    if (high < priorHigh || (high === priorHigh && low <= priorLow)) [high, low] = nextTick(priorHigh, priorLow);
  }
  lastHigh = high;
  lastLow = low;
  const t = high.toString(16).padStart(7, '0') + low.toString(16).padStart(8, '0');
  const clk = (0x8000 | (Math.max(0, clockseq) & 0x3fff)).toString(16);
  return (lastId = `${t.slice(0, 8)}-${t.slice(8, 12)}-6${t.slice(12, 15)}-${clk}-${NODE}`);
}

/** The tick after `high`:`low`. */
function nextTick(high: number, low: number): [number, number] {
  return low === TWO_32 - 1 ? [high + 1, 0] : [high, low + 1];
}

let isoSecond = Number.NaN;
/** `new Date(isoSecond * 1000).toISOString()` up to and with the `.` before the milliseconds. */
let isoPrefix = '';

/** `new Date(ms).toISOString()`, its text up to the second made once per second. */
export function isoTimestamp(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    isoPrefix = new Date(second * 1000).toISOString().slice(0, -4);
    isoSecond = second;
  }
  const milli = ms - second * 1000;
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

/**
 * Write the checkpoint a LangGraph run of `supersteps` supersteps would leave when it exits
 * with `state`: the channels the run wrote (`written`) at a new version, parented on `prior`.
 */
export function putExitCheckpoint(
  saver: BaseCheckpointSaver,
  threadId: string,
  prior: CheckpointTuple | undefined,
  state: AgentState,
  supersteps: number,
  written: ReadonlySet<string>,
): Promise<unknown> {
  const prev: Checkpoint | undefined = prior?.checkpoint;
  const versions: Record<string, Version> = prev ? { ...prev.channel_versions } : {};
  const next = saver.getNextVersion((prev ? maxVersion(Object.values(versions)) : undefined) as number | undefined) as Version;
  const newVersions: Record<string, Version> = {};
  // one literal in the channels' order, not a key added at a time (its type lists every channel)
  const values: Record<StateChannel | typeof TASKS_CHANNEL, unknown> = {
    messages: state.messages,
    input: state.input,
    step: state.step,
    usage: state.usage,
    repairs: state.repairs,
    issues: state.issues,
    failed: state.failed,
    __pregel_tasks: [],
  };
  for (const k of written) versions[k] = newVersions[k] = next;
  const now = Date.now();
  // `{ ...prev.versions_seen, __input__: {}, __interrupt__: { ...versions } }`, without a spread
  // followed by new keys (V8 builds that on its slow path)
  const seen: Record<string, Record<string, Version>> = prev ? Object.assign({}, prev.versions_seen) : {};
  seen.__input__ = {};
  seen.__interrupt__ = { ...versions };
  const step = (prior ? Number((prior.metadata as { step?: number } | undefined)?.step ?? -1) + 1 : -1) + supersteps;
  const checkpoint: Checkpoint = {
    v: CHECKPOINT_FORMAT,
    id: checkpointId(step, prev?.id, now),
    ts: isoTimestamp(now),
    channel_values: values,
    channel_versions: versions,
    versions_seen: seen,
  } as Checkpoint;
  const metadata = { source: 'loop', step, parents: {} } as CheckpointMetadata;
  const configurable: Record<string, unknown> = { thread_id: threadId, checkpoint_ns: '' };
  if (prev) configurable.checkpoint_id = prev.id;
  // the saver's own promise (no async frame of this function's around it)
  return saver.put({ configurable }, checkpoint, metadata, newVersions);
}
