// The example page: chat over POST + server-sent events, a live build log, and the approval
// and credential prompts. Credentials are sent to /threads/:id/credentials, never to /chat.
const $ = (id) => document.getElementById(id);
let threadId = null;

function line(text, cls) {
  const div = document.createElement('div');
  div.className = `msg ${cls || ''}`;
  div.textContent = text;
  $('log').appendChild(div);
  $('log').scrollTop = $('log').scrollHeight;
  return div;
}

function buildStep(text, cls) {
  const li = document.createElement('li');
  li.textContent = text;
  if (cls) li.className = cls;
  $('build').appendChild(li);
}

function onModuleEvent(e) {
  if (e.type === 'module.generating') buildStep('generating…');
  else if (e.type === 'module.test') buildStep(`${e.passed ? '✓' : '✗'} ${e.case}`, e.passed ? 'pass' : 'fail');
  else if (e.type === 'module.validated') buildStep(e.passed ? `validated: ${e.testsPassed} tests passed` : `validation failed (${e.testsFailed} failing)`, e.passed ? 'pass' : 'fail');
  else if (e.type === 'module.repairing') buildStep(`repairing, round ${e.round}`);
  else if (e.type === 'module.live_tested') buildStep(e.passed ? 'live test passed' : 'live test failed', e.passed ? 'pass' : 'fail');
  else if (e.type === 'module.installed') { buildStep(`installed ${e.name}@${e.version}`, 'pass'); refreshModules(); }
}

async function stream(url, body) {
  $('send').disabled = true;
  let assistant = null;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) { const err = await res.json(); line(`${err.error.code}: ${err.error.message}`, 'error'); return; }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, cut); buf = buf.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(frame)?.[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? 'null');
        if (event === 'text-delta') { assistant ??= line('', 'assistant'); assistant.textContent += data.text; }
        else if (event === 'tool-call') { assistant = null; line(`→ ${data.toolCall.name}`, 'tool'); }
        else if (event === 'module') onModuleEvent(data);
        else if (event === 'error') line(`${data.code}: ${data.message}`, 'error');
        else if (event === 'done') { threadId = data.threadId; if (data.status === 'interrupted') showInterrupt(data.interrupt); }
      }
    }
  } finally {
    $('send').disabled = false;
  }
}

function showInterrupt(it) {
  const box = $('prompt');
  box.innerHTML = '';
  const card = document.createElement('div');
  card.className = 'card';
  card.id = it.request?.type === 'module_credentials' ? 'credentials-card' : 'approval-card';
  box.appendChild(card);
  const p = (t) => { const el = document.createElement('p'); el.textContent = t; card.appendChild(el); };
  if (it.kind === 'input' && it.request.type === 'module_credentials') {
    p(it.request.message);
    const inputs = {};
    for (const c of it.request.data.credentials) {
      p(`${c.name}: ${c.description} (${c.obtain})`);
      const input = document.createElement('input');
      input.type = 'password'; input.name = c.name; input.placeholder = c.name;
      card.appendChild(input); inputs[c.name] = input;
    }
    const save = document.createElement('button');
    save.textContent = 'Save key'; save.id = 'save-key';
    save.onclick = () => {
      const values = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value]));
      box.innerHTML = '';
      stream(`/threads/${threadId}/credentials`, { interruptId: it.id, values });
    };
    card.appendChild(save);
    return;
  }
  const data = it.request?.data;
  p(it.kind === 'approval' ? `Allow ${it.tool}(${JSON.stringify(it.args)})?` : it.request.message);
  if (data?.tools) p(`Tools: ${data.tools.map((t) => t.name).join(', ')} · hosts: ${data.hosts.join(', ')} · tests: ${data.tests?.passed ?? '?'} passed`);
  if (data?.bundleHash) p(`sha256 ${data.bundleHash}${data.codeBytes ? ` · ${data.codeBytes} bytes of code` : ''}`);
  // A module approval names the exact bundle shown (its sha256); the server refuses it otherwise.
  const decide = (approved) => () => { box.innerHTML = ''; stream(`/threads/${threadId}/approve`, { interruptId: it.id, approved, by: 'web-user', ...(data?.bundleHash ? { bundleHash: data.bundleHash } : {}) }); };
  const yes = document.createElement('button'); yes.textContent = 'Approve'; yes.id = 'approve'; yes.onclick = decide(true);
  const no = document.createElement('button'); no.textContent = 'Reject'; no.className = 'secondary'; no.onclick = decide(false);
  card.append(yes, ' ', no);
}

async function refreshModules() {
  const { modules } = await (await fetch('/modules')).json();
  $('modules').innerHTML = '';
  for (const m of modules) {
    const li = document.createElement('li');
    li.textContent = `${m.name}@${m.activeVersion} (${m.status}) `;
    const del = document.createElement('button'); del.textContent = 'Delete'; del.className = 'secondary';
    del.onclick = async () => { await fetch(`/modules/${encodeURIComponent(m.name)}`, { method: 'DELETE' }); refreshModules(); };
    li.appendChild(del);
    $('modules').appendChild(li);
  }
}

$('composer').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const message = $('message').value.trim();
  if (!message) return;
  $('message').value = '';
  line(message, 'user');
  stream('/chat', { message, ...(threadId ? { threadId } : {}) });
});
refreshModules();
