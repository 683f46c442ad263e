// The catalog at a glance, for platform teams: where the data came from, per channel the backends with their
// newest torch, Pythons and paired companions, the minimum NVIDIA drivers, stale entries, and a chart of the
// torch series each backend carries. Reads GET /catalog, /catalog/overview, /backends and the policy.
'use strict';

window.TorchplanCatalog = (function () {
  const { el, table, json, age } = window.TorchplanDom;
  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attributes, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of children) {
      if (child) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** "2.12.0" -> [2, 12]; null for versions without a numeric major.minor. */
  function series(version) {
    const match = /^(\d+)\.(\d+)/.exec(version || '');
    return match ? [Number(match[1]), Number(match[2])] : null;
  }

  const compareSeries = (left, right) => left[0] - right[0] || left[1] - right[1];

  /**
   * A dot per (backend, torch series) the backend carries, for the channel's newest ten series: a glance shows
   * which CUDA/ROCm lines each release was built for.
   */
  function chart(channel) {
    // a backend shows when it has a release of one of the channel's newest ten series
    const columns = recentSeries(channel);
    const rows = channel.backends.filter(backend => backend.torchVersions.map(series).filter(Boolean)
      .some(key => columns.some(column => compareSeries(column, key) === 0)));
    if (rows.length === 0 || columns.length === 0) return null;
    const left = 70, top = 24, cell = 34, rowHeight = 18;
    const width = left + columns.length * cell + 10;
    const height = top + rows.length * rowHeight + 6;
    const label = 'torch release series per backend on the ' + channel.channel + ' channel';
    const picture = svg('svg', {
      viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img',
      'aria-label': label, class: 'chart',
    }, svg('title', {}, label));
    columns.forEach((column, index) => picture.append(svg('text', {
      x: left + index * cell + cell / 2, y: 14, 'text-anchor': 'middle', class: 'axis',
    }, column.join('.'))));
    rows.forEach((backend, rowIndex) => {
      const y = top + rowIndex * rowHeight;
      picture.append(svg('text', { x: left - 6, y: y + 12, 'text-anchor': 'end', class: 'axis' }, backend.backend));
      const carried = backend.torchVersions.map(series).filter(Boolean);
      columns.forEach((column, index) => {
        const has = carried.some(key => compareSeries(key, column) === 0);
        picture.append(svg('circle', {
          cx: left + index * cell + cell / 2, cy: y + 8, r: has ? 6 : 2,
          class: has ? 'dot ' + backend.kind : 'dot none',
        }, svg('title', {}, backend.backend + ' ' + (has ? 'has' : 'has no') + ' torch ' + column.join('.'))));
      });
    });
    return el('figure', { class: 'chart-figure' }, picture,
      el('figcaption', { text: 'Torch series per backend (' + channel.channel + '): a large dot where the backend has a'
        + ' release of that series. Hover a dot for its label.' }));
  }

  /** The channel's newest ten torch series, oldest first. */
  function recentSeries(channel) {
    const all = [];
    for (const backend of channel.backends) {
      for (const version of backend.torchVersions) {
        const key = series(version);
        if (key && !all.some(known => compareSeries(known, key) === 0)) all.push(key);
      }
    }
    return all.sort(compareSeries).slice(-10);
  }

  function channelSection(channel, policy) {
    const allowed = name => policy.allowedBackends.length === 0 || policy.allowedBackends.includes(name);
    const channelAllowed = policy.allowedChannels.length === 0 || policy.allowedChannels.includes(channel.channel);
    const recent = recentSeries(channel);
    const isCurrent = backend => {
      const newest = series(backend.newestTorch);
      return newest !== null && recent.some(key => compareSeries(key, newest) === 0);
    };
    const row = backend => [
      backend.backend + (allowed(backend.backend) ? '' : ' (not allowed by policy)'),
      backend.kind,
      backend.newestTorch || 'none',
      backend.pythons.join(' ') || '-',
      backend.companions.torchvision || '-',
      backend.companions.torchaudio || '-',
      String(backend.files),
    ];
    const headers = ['Backend', 'Kind', 'Newest torch', 'Pythons', 'torchvision', 'torchaudio', 'Wheels'];
    const newestFirst = channel.backends.slice().reverse();
    const current = newestFirst.filter(isCurrent);
    const older = newestFirst.filter(backend => !isCurrent(backend));
    return el('section', { class: 'channel', 'aria-labelledby': 'channel-' + channel.channel },
      el('h3', { id: 'channel-' + channel.channel, text: 'Channel ' + channel.channel
        + (channelAllowed ? '' : ' (not allowed by the fleet policy)') }),
      table('Backends of the ' + channel.channel + ' channel with a recent torch: the newest torch, its Pythons and'
        + ' the companion releases paired with it', headers, current.map(row), 'backends'),
      older.length === 0 ? null : el('details', {},
        el('summary', { text: older.length + ' older backends (newest torch before ' + recent[0].join('.') + ')' }),
        table('Older backends of the ' + channel.channel + ' channel', headers, older.map(row), 'backends older')),
      chart(channel));
  }

  function driverTable(backends) {
    const cuda = backends.filter(backend => backend.kind === 'cuda' && (backend.minimumDriverLinux
      || backend.minimumDriverWindows)).reverse();
    return table('Minimum NVIDIA driver per CUDA backend and OS (GET /backends)',
      ['Backend', 'Linux', 'Windows', 'Linux (PTX JIT)', 'Windows (PTX JIT)'],
      cuda.map(backend => [backend.name, backend.minimumDriverLinux || '-', backend.minimumDriverWindows || '-',
        backend.toolkitDriverLinux || '-', backend.toolkitDriverWindows || '-']), 'drivers');
  }

  function staleSection(summary) {
    if (summary.staleEntries.length === 0) {
      return el('p', { id: 'no-stale', text: 'No stale entries: every entry\'s last refresh succeeded.' });
    }
    return table('Stale entries and why', ['Channel', 'Backend', 'Package', 'Why'],
      summary.staleEntries.map(entry => [entry.channel, entry.backend, entry.packageName, entry.reason]), 'stale');
  }

  function sourceSection(summary) {
    return table('Where the catalog came from (GET /catalog)', ['Fact', 'Value'], [
      ['Source', summary.source],
      ['Fetched', summary.fetchedAt + ' (' + age(summary.fetchedAt) + ')'],
      ['Snapshot recorded', summary.snapshotRecordedAt || '-'],
      ['Upstream index', summary.upstream],
      ['Stale', summary.stale ? 'yes' : 'no'],
    ], 'source');
  }

  async function show(policy) {
    const body = document.getElementById('catalog-body');
    const [summary, overview, backends] = await Promise.all([json('catalog'), json('catalog/overview'),
      json('backends')]);
    if (!summary.ok || !overview.ok || !backends.ok) {
      body.replaceChildren(el('p', { class: 'error', role: 'alert', text: 'The catalog could not be read.' }));
      return;
    }
    const parts = [sourceSection(summary.body)];
    if (summary.body.warnings.length > 0) {
      parts.push(el('ul', { class: 'warnings' }, summary.body.warnings.map(line => el('li', { text: line }))));
    }
    parts.push(el('h3', { text: 'Stale entries' }), staleSection(summary.body));
    for (const channel of overview.body.channels) parts.push(channelSection(channel, policy));
    if (overview.body.channels.length < 3) {
      parts.push(el('p', { class: 'hint', text: 'Channels not shown are read on demand, by the first plan that asks'
        + ' for them.' }));
    }
    parts.push(el('h3', { text: 'Minimum drivers' }), driverTable(backends.body.backends));
    body.replaceChildren(...parts);
  }

  return { show: show };
})();
