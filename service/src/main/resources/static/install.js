// The install selector: the form, the fleet policy applied to what it offers, POST /plan, and the answer in
// words. Field names in the markup are the request's paths (platform.os, gpu.driverVersion), the same paths a
// 400 problem's `errors` name, so each error lands next to its input.
'use strict';

window.TorchplanInstall = (function () {
  const { el, table, json, age } = window.TorchplanDom;

  /** Which backend kind each GPU choice needs; the service decides the backend itself. */
  const KIND_OF_GPU = { nvidia: 'cuda', amd: 'rocm', intel: 'xpu', none: 'cpu' };
  const GPU_NAMES = { nvidia: 'NVIDIA (CUDA)', amd: 'AMD (ROCm)', intel: 'Intel (XPU)' };

  let policy = { allowedBackends: [], allowedChannels: [], blockedRequirements: [] };
  let backends = [];
  /** For each index of the last request's requirements, the id of the input it came from. */
  let requirementSources = [];

  const byId = id => document.getElementById(id);
  const form = () => byId('plan-form');
  const gpuChoice = () => form().querySelector('input[name="gpu"]:checked').value;

  function allowedBackend(name) {
    return policy.allowedBackends.length === 0 || policy.allowedBackends.includes(name);
  }

  function allowedChannel(name) {
    return policy.allowedChannels.length === 0 || policy.allowedChannels.includes(name);
  }

  /** Channels the policy forbids are removed, and the page says which rule removed them. */
  function applyChannelPolicy() {
    const select = byId('channel');
    const forbidden = [];
    for (const option of Array.from(select.options)) {
      if (!allowedChannel(option.value)) {
        forbidden.push(option.value);
        option.remove();
      }
    }
    byId('channel-note').textContent = forbidden.length === 0 ? ''
      : 'Not offered: ' + forbidden.join(', ') + '. The fleet policy allows only '
        + policy.allowedChannels.join(', ') + ' (torchplan.policy.allowed-channels).';
  }

  /**
   * What the OS, the channel and the policy leave of the GPU choices and the backend list: macOS has no CUDA,
   * ROCm or XPU wheels; a vendor none of whose backends the policy allows is not offered either.
   */
  function refreshChoices() {
    const os = byId('os').value;
    const channel = byId('channel').value;
    const notes = [];
    for (const vendor of ['nvidia', 'amd', 'intel']) {
      const radio = byId('gpu-' + vendor);
      const kind = KIND_OF_GPU[vendor];
      const ofKind = backends.filter(backend => backend.kind === kind);
      let reason = null;
      if (os === 'macos') {
        reason = 'macOS';
      } else if (ofKind.length > 0 && !ofKind.some(backend => allowedBackend(backend.name))) {
        reason = 'policy';
      }
      radio.disabled = reason !== null;
      radio.parentElement.classList.toggle('disabled', reason !== null);
      if (reason === 'policy') {
        notes.push(GPU_NAMES[vendor] + ' is not offered: the fleet policy allows none of its backends'
          + ' (torchplan.policy.allowed-backends: ' + policy.allowedBackends.join(', ') + ').');
      }
    }
    if (os === 'macos') {
      notes.unshift('macOS: PyTorch publishes no CUDA, ROCm or XPU wheels for macOS, so no GPU backend is offered;'
        + ' the macOS wheels reach Apple GPUs through MPS.');
    }
    if (form().querySelector('input[name="gpu"]:checked').disabled) {
      byId('gpu-none').checked = true;
    }
    byId('gpu-note').textContent = notes.join(' ');

    const gpu = gpuChoice();
    byId('driver-field').hidden = gpu !== 'nvidia';
    byId('capability-field').hidden = gpu !== 'nvidia';
    byId('amd-field').hidden = gpu !== 'amd';
    byId('glibc-field').hidden = os !== 'linux';
    byId('macos-field').hidden = os !== 'macos';

    const select = byId('backend');
    const previous = select.value;
    const wanted = os === 'macos' ? ['cpu'] : [KIND_OF_GPU[gpu], 'cpu'];
    const offered = backends.filter(backend => wanted.includes(backend.kind)
      && (backend.channels.length === 0 || backend.channels.includes(channel)));
    const forbidden = offered.filter(backend => !allowedBackend(backend.name)).map(backend => backend.name);
    select.replaceChildren(el('option', { value: 'auto', text: 'automatic (from the GPU)' }),
      ...offered.filter(backend => allowedBackend(backend.name)).reverse()
        .map(backend => el('option', { value: backend.name, text: backend.name })));
    select.value = Array.from(select.options).some(option => option.value === previous) ? previous : 'auto';
    byId('backend-note').textContent = forbidden.length === 0 ? ''
      : 'Not offered by the fleet policy (torchplan.policy.allowed-backends): ' + forbidden.join(', ') + '.';
  }

  /** The request body, and where each requirement came from (for errors naming requirements[i]). */
  function request() {
    requirementSources = [];
    const requirements = [];
    for (const box of form().querySelectorAll('input[name="package"]:checked')) {
      requirements.push(box.value);
      requirementSources.push('packages');
    }
    for (const line of byId('requirements').value.split(/\r?\n/)) {
      if (line.trim() !== '') {
        requirements.push(line.trim());
        requirementSources.push('requirements');
      }
    }
    const os = byId('os').value;
    const platform = { os: os, arch: byId('arch').value };
    if (os === 'linux' && byId('glibc').value.trim()) platform.glibc = byId('glibc').value.trim();
    if (os === 'macos' && byId('macos').value.trim()) platform.macos = byId('macos').value.trim();
    const body = {
      requirements: requirements,
      python: byId('python').value,
      platform: platform,
      channel: byId('channel').value,
      backend: byId('backend').value,
      strategy: byId('strategy').value,
      installer: form().querySelector('input[name="installer"]:checked').value,
    };
    const gpu = gpuChoice();
    if (gpu === 'nvidia') {
      body.gpu = { vendor: 'nvidia', driverVersion: byId('driver').value.trim() };
      if (byId('capability').value.trim()) body.gpu.computeCapability = byId('capability').value.trim();
    } else if (gpu === 'amd') {
      body.gpu = { vendor: 'amd', architecture: byId('amd-architecture').value.trim() };
    } else if (gpu === 'intel') {
      body.gpu = { vendor: 'intel' };
    }
    return body;
  }

  function clearErrors() {
    for (const node of document.querySelectorAll('#plan-form .error')) node.textContent = '';
    for (const node of document.querySelectorAll('#plan-form [aria-invalid]')) node.removeAttribute('aria-invalid');
  }

  /** Puts a message next to the input a problem's field names; answers the input, or null. */
  function showFieldError(field, message) {
    let slot = field;
    let prefix = '';
    const indexed = /^requirements\[(\d+)\]$/.exec(field);
    if (indexed) {
      const index = Number(indexed[1]);
      slot = requirementSources[index] || 'requirements';
      if (slot === 'requirements') {
        const line = index - requirementSources.indexOf('requirements') + 1;
        prefix = 'line ' + line + ': ';
      }
    } else if (field === 'requirements') {
      slot = 'packages';
    }
    const target = byId('error-' + slot) || byId('error-form');
    target.textContent = (target.textContent ? target.textContent + ' ' : '') + prefix + message;
    const input = slot === 'packages' ? form().querySelector('input[name="package"]')
      : form().querySelector('[name="' + slot + '"]');
    if (input) input.setAttribute('aria-invalid', 'true');
    return input;
  }

  function showProblem(status, problem) {
    const detail = problem && problem.detail ? problem.detail : 'the service answered ' + status;
    if (status === 400 && problem && Array.isArray(problem.errors)) {
      let first = null;
      for (const error of problem.errors) {
        const input = showFieldError(error.field, error.message);
        first = first || input;
      }
      byId('error-form').textContent = problem.errors.length === 1 ? 'One field needs a fix.'
        : problem.errors.length + ' fields need a fix.';
      if (first) first.focus();
      return;
    }
    if (status === 403 && problem) {
      const slot = String(problem.rule || '').includes('channel') ? 'channel' : 'backend';
      showFieldError(slot, detail);
    }
    byId('error-form').textContent = (problem && problem.title ? problem.title + ': ' : '') + detail;
    if (status === 422 && problem) {
      showResult(null, problem);
    }
  }

  /** One argv as a POSIX shell command: arguments that need it single-quoted. */
  function commandLine(argv) {
    return argv.map(argument => /^[A-Za-z0-9_@%+=:,./-]+$/.test(argument) ? argument
      : "'" + argument.replace(/'/g, "'\\''") + "'").join(' ');
  }

  /** Explanation lines "cu128: why" name a backend the planner considered. */
  function splitConsidered(lines) {
    const names = new Set(backends.map(backend => backend.name));
    const considered = [];
    const rest = [];
    for (const line of lines || []) {
      const match = /^([a-z0-9.]+): (.*)$/.exec(line);
      if (match && names.has(match[1])) considered.push([match[1], match[2]]);
      else rest.push(line);
    }
    return { considered: considered, rest: rest };
  }

  function policySection() {
    const rows = [
      ['Allowed channels', policy.allowedChannels.length ? policy.allowedChannels.join(', ') : 'all'],
      ['Allowed backends', policy.allowedBackends.length ? policy.allowedBackends.join(', ') : 'all'],
      ['Blocked requirements', policy.blockedRequirements.length ? policy.blockedRequirements.join(', ') : 'none'],
      ['PyTorch index in plans', policy.indexUrl || 'the upstream index'],
      ['Other packages from', policy.pypiIndexUrl || 'PyPI'],
    ];
    return table('The fleet policy in force (GET /policy)', ['Rule', 'Value'], rows, 'policy');
  }

  function catalogLine(catalog) {
    if (!catalog) return null;
    return el('p', { class: 'catalog-line' + (catalog.stale ? ' stale' : '') },
      'Catalog: ', el('strong', { text: catalog.source }), ' data fetched ',
      el('time', { datetime: catalog.fetchedAt, text: catalog.fetchedAt }), ' (' + age(catalog.fetchedAt) + ')',
      catalog.stale ? ', stale: newer releases may exist' : '');
  }

  function copyButton(text) {
    const status = el('span', { class: 'copy-status', role: 'status' });
    const button = el('button', {
      type: 'button', id: 'copy', onclick: async () => {
        try {
          await navigator.clipboard.writeText(text);
          status.textContent = 'Copied.';
        } catch (refused) {
          // no clipboard access (an insecure origin, a denied permission): select the text for the person
          const range = document.createRange();
          range.selectNodeContents(document.getElementById('command'));
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
          status.textContent = 'Selected; press Ctrl+C to copy.';
        }
      }
    }, 'Copy the commands');
    return el('div', { class: 'copy' }, button, status);
  }

  /** The plan (or a 422's reasons) in words. */
  function showResult(plan, unsatisfiable) {
    const body = byId('result-body');
    const parts = [];
    if (plan) {
      const commands = plan.steps.map(step => commandLine(step.argv)).join('\n');
      parts.push(el('p', { class: 'backend-line' }, 'Backend ',
        el('strong', { id: 'chosen-backend', text: plan.backend || 'none (no PyTorch package)' }),
        ' on the ', el('strong', { text: plan.channel }), ' channel.'));
      if (plan.steps.length > 0) {
        parts.push(el('h3', { text: 'Run' }),
          el('ol', { class: 'steps' }, plan.steps.map(step => el('li', { text: step.description }))),
          el('pre', { class: 'command' }, el('code', { id: 'command', text: commands })),
          copyButton(commands),
          el('p', { class: 'hint', text: '"python" stands for your interpreter, e.g. .venv/bin/python.' }));
      }
      if (plan.packages.length > 0) {
        parts.push(table('Pinned wheels', ['Package', 'Version', 'Wheel', 'sha256'], plan.packages.map(pkg => [
          pkg.name, pkg.version,
          el('a', { href: pkg.url, text: pkg.filename }),
          pkg.sha256 ? el('code', { title: pkg.sha256, text: pkg.sha256.substring(0, 12) + '…' }) : 'none published',
        ]), 'pins'));
      }
      if (plan.environment && plan.environment.length > 0) {
        parts.push(table('Whole environment', ['Package', 'Version', 'From', 'Why'], plan.environment.map(dist => [
          dist.name, dist.version,
          dist.installed ? 'installed, kept' : dist.index === 'pytorch' ? 'PyTorch index' : 'third-party index',
          (dist.requiredBy || []).join('; '),
        ]), 'environment'));
      }
      const split = splitConsidered(plan.explanation);
      const considered = split.considered.map(([name, why]) => [name, name === plan.backend ? 'taken: ' + why : why]);
      if (plan.backend && !considered.some(([name]) => name === plan.backend)) {
        considered.unshift([plan.backend, 'taken']);
      }
      if (considered.length > 0) {
        parts.push(table('Backends considered', ['Backend', 'Why'], considered, 'considered'));
      }
      parts.push(el('h3', { text: 'Why' }), el('ul', { class: 'explanation' },
        split.rest.map(line => el('li', { text: line }))));
      if (plan.warnings.length > 0) {
        parts.push(el('h3', { text: 'Warnings' }), el('ul', { class: 'warnings' },
          plan.warnings.map(line => el('li', { text: line }))));
      }
      parts.push(catalogLine(plan.catalog));
    } else {
      parts.push(el('p', { class: 'backend-line', text: 'Nothing satisfies the request: ' + unsatisfiable.detail }));
      const split = splitConsidered(unsatisfiable.reasons);
      if (split.considered.length > 0) {
        parts.push(table('Backends considered', ['Backend', 'Why not'], split.considered, 'considered'));
      }
      if (split.rest.length > 0) {
        parts.push(el('ul', { class: 'warnings' }, split.rest.map(line => el('li', { text: line }))));
      }
      parts.push(catalogLine(unsatisfiable.catalog));
    }
    parts.push(policySection());
    body.replaceChildren(...parts.filter(Boolean));
    byId('result').hidden = false;
  }

  async function submit(event) {
    event.preventDefault();
    clearErrors();
    byId('result').hidden = true;
    const button = byId('submit');
    button.disabled = true;
    button.textContent = 'Planning…';
    try {
      const answer = await json('plan', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(request()),
      });
      if (answer.ok) showResult(answer.body, null);
      else showProblem(answer.status, answer.body);
    } catch (unreachable) {
      byId('error-form').textContent = 'The service could not be reached: ' + unreachable.message;
    } finally {
      button.disabled = false;
      button.textContent = 'Plan the install';
    }
  }

  /** Fills the fields the pasted text gives and says which; leaves the others as they were. */
  function fillFromPaste() {
    const read = window.TorchplanPaste.read(byId('paste').value);
    const result = byId('paste-result');
    if (read.error) {
      result.textContent = read.error;
      return;
    }
    const fields = read.fields;
    const filled = [];
    const set = (id, value, label) => {
      const input = byId(id);
      if (input.tagName === 'SELECT' && !Array.from(input.options).some(option => option.value === value)) {
        return;
      }
      input.value = value;
      filled.push(label + ' ' + value);
    };
    if (fields.os) set('os', fields.os, 'OS');
    if (fields.arch) set('arch', fields.arch, 'architecture');
    if (fields.glibc) set('glibc', fields.glibc, 'glibc');
    if (fields.macos) set('macos', fields.macos, 'macOS');
    if (fields.python) set('python', fields.python, 'Python');
    refreshChoices();
    if (fields.gpu) {
      const radio = byId('gpu-' + fields.gpu);
      if (radio && !radio.disabled) {
        radio.checked = true;
        filled.push('GPU ' + fields.gpu);
      }
    }
    refreshChoices();
    if (fields.driver) set('driver', fields.driver, 'driver');
    if (fields.capability) set('capability', fields.capability, 'compute capability');
    if (fields.amdArchitecture) set('amd-architecture', fields.amdArchitecture, 'AMD architecture');
    result.textContent = filled.length === 0
      ? 'Nothing recognised in the pasted text (read as ' + read.kind + ').'
      : 'Read as ' + read.kind + '; filled: ' + filled.join(', ') + '.';
  }

  async function start(loadedPolicy) {
    policy = loadedPolicy;
    const answer = await json('backends');
    if (answer.ok) {
      backends = answer.body.backends || [];
      byId('amd-architectures').replaceChildren(...(answer.body.amdArchitectures || [])
        .map(architecture => el('option', { value: architecture.architecture })));
    }
    applyChannelPolicy();
    refreshChoices();
    for (const id of ['os', 'channel']) byId(id).addEventListener('change', refreshChoices);
    for (const radio of form().querySelectorAll('input[name="gpu"]')) radio.addEventListener('change', refreshChoices);
    form().addEventListener('submit', submit);
    byId('paste-fill').addEventListener('click', fillFromPaste);
  }

  return { start: start };
})();
