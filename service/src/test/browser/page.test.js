// The web page in a real browser: Debian's chromium driven by playwright-core, against a running service.
// Usage: node page.test.js <base URL> <screenshot directory>
// Exits 0 when every scenario passed, 1 (naming the scenario and the failed assertion) otherwise.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

const base = (process.argv[2] || '').replace(/\/$/, '') + '/';
const screenshots = process.argv[3];
const executablePath = process.env.TORCHPLAN_CHROMIUM || '/usr/bin/chromium';
const fixture = name => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

if (!process.argv[2] || !screenshots) {
  console.error('usage: node page.test.js <base URL> <screenshot directory>');
  process.exit(2);
}

/** Opens the page and waits until it has read the policy and the backends. */
async function open(browser, viewport) {
  const context = await browser.newContext({ viewport: viewport || { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push('page error: ' + error.message));
  page.on('console', message => {
    // the browser logs every 4xx answer it fetched; the bad-input scenarios want those, the listener below
    // flags the ones that are never right
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push('console error: ' + message.text());
    }
  });
  page.on('response', response => {
    if (response.status() === 404 || response.status() >= 500) {
      problems.push(response.status() + ' for ' + response.url());
    }
  });
  page.on('request', request => {
    // the page needs nothing but the service: no CDN, no external font
    if (!request.url().startsWith(base)) problems.push('request outside the service: ' + request.url());
  });
  await page.goto(base);
  await page.waitForSelector('body[data-ready="true"]');
  return { page, problems, close: () => context.close() };
}

async function planLinuxDriver570(page) {
  await page.selectOption('#os', 'linux');
  await page.selectOption('#arch', 'x86_64');
  await page.selectOption('#python', 'cp312');
  await page.check('#gpu-nvidia');
  await page.fill('#driver', '570.86.10');
  await page.fill('#glibc', '2.35');
  await page.check('input[name="package"][value="torchvision"]');
  await page.click('#submit');
  await page.waitForSelector('#result:not([hidden]) #command');
}

const scenarios = {
  async 'Linux with driver 570 and cp312 gets a cu12x command and pins'(browser) {
    const { page, problems, close } = await open(browser);
    await planLinuxDriver570(page);
    const backend = await page.textContent('#chosen-backend');
    assert.match(backend, /^cu12\d$/, 'chosen backend');
    const command = await page.textContent('#command');
    assert.match(command, new RegExp('--index-url https://download\\.pytorch\\.org/whl/' + backend + ' '));
    assert.match(command, new RegExp('torch==\\d+\\.\\d+\\.\\d+\\+' + backend));
    assert.match(command, new RegExp('torchvision==\\d+\\.\\d+\\.\\d+\\+' + backend));
    const pins = await page.$$eval('table.pins tbody tr', rows => rows.map(row =>
      Array.from(row.children).map(cell => cell.textContent)));
    assert.deepEqual(pins.map(row => row[0]).sort(), ['torch', 'torchvision']);
    for (const row of pins) assert.match(row[1], new RegExp('\\+' + backend + '$'), 'pinned version of ' + row[0]);
    const considered = await page.$$eval('table.considered tbody th', cells => cells.map(cell => cell.textContent));
    assert.ok(considered.includes(backend), 'the chosen backend is among those considered: ' + considered);
    assert.ok(considered.some(name => name !== backend), 'other backends considered too: ' + considered);
    await page.click('#copy');
    await page.waitForSelector('.copy-status:not(:empty)');
    assert.equal(await page.textContent('.copy-status'), 'Copied.');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), command);
    assert.match(await page.textContent('.catalog-line'), /Catalog: snapshot data fetched/);
    assert.match(await page.textContent('table.policy'), /Allowed channels\s*stable, test/);
    await page.screenshot({ path: path.join(screenshots, 'install.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await close();
  },

  async 'macOS offers no CUDA and plans the CPU wheels'(browser) {
    const { page, problems, close } = await open(browser);
    await page.selectOption('#os', 'macos');
    await page.selectOption('#arch', 'arm64');
    for (const vendor of ['nvidia', 'amd', 'intel']) {
      assert.equal(await page.isDisabled('#gpu-' + vendor), true, vendor + ' offered on macOS');
    }
    assert.equal(await page.isChecked('#gpu-none'), true);
    assert.match(await page.textContent('#gpu-note'), /no CUDA, ROCm or XPU wheels for macOS/);
    const backends = await page.$$eval('#backend option', options => options.map(option => option.value));
    assert.deepEqual(backends, ['auto', 'cpu']);
    assert.equal(await page.isVisible('#driver'), false, 'driver field shown on macOS');
    await page.click('#submit');
    await page.waitForSelector('#result:not([hidden]) #command');
    assert.equal(await page.textContent('#chosen-backend'), 'cpu');
    assert.doesNotMatch(await page.textContent('#command'), /cu\d{3}/);
    assert.deepEqual(problems, []);
    await close();
  },

  async 'the fleet policy removes the nightly channel and says why'(browser) {
    const { page, problems, close } = await open(browser);
    const channels = await page.$$eval('#channel option', options => options.map(option => option.value));
    assert.deepEqual(channels, ['stable', 'test']);
    assert.match(await page.textContent('#channel-note'), /Not offered: nightly.*torchplan\.policy\.allowed-channels/);
    assert.match(await page.textContent('#policy-note'), /allows only channels stable, test/);
    assert.deepEqual(problems, []);
    await close();
  },

  async 'pasting nvidia-smi output fills the driver (and the compute capability from the CSV query)'(browser) {
    const { page, problems, close } = await open(browser);
    await page.check('#gpu-none');
    await page.fill('#paste', fixture('nvidia-smi-h200.txt'));
    await page.click('#paste-fill');
    assert.equal(await page.isChecked('#gpu-nvidia'), true);
    assert.equal(await page.inputValue('#driver'), '580.159.04');
    assert.match(await page.textContent('#paste-result'), /Read as nvidia-smi; filled: .*driver 580\.159\.04/);

    await page.fill('#paste', fixture('nvidia-smi-query-h200.csv'));
    await page.click('#paste-fill');
    assert.equal(await page.inputValue('#capability'), '9.0');

    await page.selectOption('#os', 'windows');
    await page.selectOption('#python', 'cp310');
    await page.fill('#driver', '');
    await page.fill('#paste', fixture('detect-h200.json'));
    await page.click('#paste-fill');
    assert.equal(await page.inputValue('#os'), 'linux');
    assert.equal(await page.inputValue('#python'), 'cp312');
    assert.equal(await page.inputValue('#glibc'), '2.39');
    assert.equal(await page.inputValue('#driver'), '580.159.04');
    assert.equal(await page.inputValue('#capability'), '9.0');
    assert.deepEqual(problems, []);
    await close();
  },

  async 'a bad specifier shows the error next to the requirements field'(browser) {
    const { page, problems, close } = await open(browser);
    await page.fill('#driver', '570.86.10');
    await page.fill('#requirements', 'transformers\ntorch>=>2');
    await page.click('#submit');
    await page.waitForSelector('#error-requirements:not(:empty)');
    assert.match(await page.textContent('#error-requirements'), /^line 2: invalid requirement 'torch>=>2'/);
    assert.equal(await page.getAttribute('#requirements', 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'requirements');
    assert.equal(await page.isHidden('#result'), true);
    // a bad driver lands next to the driver field, by the problem's field name
    await page.fill('#requirements', '');
    await page.fill('#driver', 'five-seventy');
    await page.click('#submit');
    await page.waitForSelector('#error-gpu\\.driverVersion:not(:empty)');
    assert.equal(await page.textContent('#error-requirements'), '');
    assert.deepEqual(problems, []);
    await close();
  },

  async 'the catalog view shows its tables and a chart'(browser) {
    const { page, problems, close } = await open(browser);
    await page.click('#nav-catalog');
    await page.waitForSelector('table.backends');
    assert.equal(await page.isHidden('#view-install'), true);
    const source = await page.$$eval('table.source tbody tr', rows => rows.map(row => row.textContent));
    assert.ok(source.some(row => /Sourcesnapshot/.test(row)), 'catalog source: ' + source);
    const stable = await page.$$eval('#channel-stable ~ .table-wrap table.backends tbody tr', rows =>
      rows.map(row => Array.from(row.children).map(cell => cell.textContent)));
    const cu126 = stable.find(row => row[0] === 'cu126');
    assert.ok(cu126, 'cu126 row in the stable table');
    assert.match(cu126[2], /^2\.\d+\.\d+$/, 'newest torch on cu126');
    assert.match(cu126[3], /cp312/, 'Pythons of cu126');
    assert.match(cu126[4], /^0\.\d+\.\d+\+cu126$/, 'torchvision paired on cu126');
    const older = await page.$$eval('table.older tbody th', cells => cells.map(cell => cell.textContent));
    assert.ok(older.includes('cu75'), 'backends without a recent torch are folded away: ' + older);
    assert.ok(!stable.some(row => row[0] === 'cu75'), 'cu75 among the recent backends');
    const drivers = await page.$$eval('table.drivers tbody tr', rows =>
      rows.map(row => Array.from(row.children).map(cell => cell.textContent)));
    assert.ok(drivers.some(row => row[0] === 'cu126' && /^\d{3}\.\d+/.test(row[1])), 'cu126 minimum driver');
    assert.ok(await page.isVisible('#no-stale, table.stale'), 'stale entries section');
    assert.ok(await page.$$eval('svg.chart circle', dots => dots.length) > 10, 'chart dots');
    await page.screenshot({ path: path.join(screenshots, 'catalog.png'), fullPage: true });
    assert.deepEqual(problems, []);
    await close();
  },

  async 'keyboard alone reaches the submit button and plans'(browser) {
    const { page, problems, close } = await open(browser);
    const visited = [];
    let reached = false;
    for (let step = 0; step < 60 && !reached; step++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const active = document.activeElement;
        const labelled = Boolean((active.labels && active.labels.length > 0) || active.getAttribute('aria-label')
          || active.tagName === 'A' || active.tagName === 'BUTTON');
        return { id: active.id || active.tagName, labelled: labelled };
      });
      assert.ok(focused.labelled, 'focused control without a label: ' + focused.id);
      visited.push(focused.id);
      if (focused.id === 'driver') await page.keyboard.type('570.86.10');
      reached = focused.id === 'submit';
    }
    assert.ok(reached, 'submit not reached by Tab; focus went through ' + visited.join(' '));
    const order = ['os', 'arch', 'python', 'channel', 'driver', 'requirements', 'submit'];
    const positions = order.map(id => visited.indexOf(id));
    assert.ok(positions.every(position => position >= 0), 'visited ' + visited.join(' '));
    assert.deepEqual(positions.slice().sort((left, right) => left - right), positions, 'focus order ' + visited);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result:not([hidden]) #command');
    assert.match(await page.textContent('#chosen-backend'), /^cu12\d$/);
    assert.deepEqual(problems, []);
    await close();
  },

  async 'Swagger UI is titled and its prefilled POST /plan example plans'(browser) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const outside = [];
    page.on('request', request => {
      if (!request.url().startsWith(base)) outside.push(request.url());
    });
    await page.goto(base + 'swagger-ui.html');
    await page.waitForSelector('#operations-plan-post');
    assert.match(await page.textContent('.info .title'), /^torchplan/);
    const tags = await page.$$eval('.opblock-tag', headings => headings.map(heading => heading.textContent));
    assert.ok(!tags.some(tag => /controller/.test(tag)), 'generated tag names: ' + tags);
    await page.click('#operations-plan-post .opblock-summary');
    await page.click('#operations-plan-post .try-out__btn');
    const body = JSON.parse(await page.inputValue('#operations-plan-post textarea.body-param__text'));
    assert.equal(body.python, 'cp312');
    await page.click('#operations-plan-post .execute');
    const status = '#operations-plan-post .live-responses-table .response .response-col_status';
    await page.waitForSelector(status);
    assert.equal((await page.textContent(status)).trim(), '200');
    assert.deepEqual(outside, []);
    await context.close();
  },

  async 'at phone width (375 px) nothing overflows sideways'(browser) {
    const { page, problems, close } = await open(browser, { width: 375, height: 812 });
    await planLinuxDriver570(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 375, 'page is ' + overflow + ' px wide at 375 px');
    await page.evaluate(() => document.getElementById('result').scrollIntoView());
    await page.screenshot({ path: path.join(screenshots, 'install-phone.png'), fullPage: false });
    await page.click('#nav-catalog');
    await page.waitForSelector('table.backends');
    const catalogWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(catalogWidth <= 375, 'catalog view is ' + catalogWidth + ' px wide at 375 px (tables scroll inside)');
    assert.deepEqual(problems, []);
    await close();
  },
};

(async () => {
  fs.mkdirSync(screenshots, { recursive: true });
  const browser = await chromium.launch({
    executablePath: executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  let failed = 0;
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const started = Date.now();
      try {
        await scenario(browser);
        console.log('ok   ' + name + ' (' + (Date.now() - started) + ' ms)');
      } catch (failure) {
        failed++;
        console.log('FAIL ' + name + '\n     ' + String(failure && failure.stack || failure).replace(/\n/g, '\n     '));
      }
    }
  } finally {
    await browser.close();
  }
  console.log(failed === 0 ? 'all ' + Object.keys(scenarios).length + ' scenarios passed' : failed + ' failed');
  process.exit(failed === 0 ? 0 : 1);
})().catch(error => {
  console.error('could not run the browser: ' + error.message);
  process.exit(1);
});
