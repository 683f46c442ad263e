// Starts the page: reads the fleet policy once (both views follow it), then shows the view the address names
// (#install, the default, or #catalog).
'use strict';

(function () {
  const { json } = window.TorchplanDom;
  let policy = { allowedBackends: [], allowedChannels: [], blockedRequirements: [] };
  let catalogShown = false;

  function route() {
    const catalog = window.location.hash === '#catalog';
    document.getElementById('view-install').hidden = catalog;
    document.getElementById('view-catalog').hidden = !catalog;
    document.getElementById('nav-install').setAttribute('aria-current', catalog ? 'false' : 'page');
    document.getElementById('nav-catalog').setAttribute('aria-current', catalog ? 'page' : 'false');
    if (catalog && !catalogShown) {
      catalogShown = true;
      window.TorchplanCatalog.show(policy);
    }
  }

  function policyNote() {
    const rules = [];
    if (policy.allowedChannels.length > 0) rules.push('channels ' + policy.allowedChannels.join(', '));
    if (policy.allowedBackends.length > 0) rules.push('backends ' + policy.allowedBackends.join(', '));
    if (rules.length === 0) return;
    const note = document.getElementById('policy-note');
    note.textContent = 'This service plans under a fleet policy that allows only ' + rules.join(' and ')
      + '; other choices are not offered. GET /policy shows it.';
    note.hidden = false;
  }

  async function start() {
    const answer = await json('policy');
    if (answer.ok) policy = answer.body;
    policyNote();
    await window.TorchplanInstall.start(policy);
    window.addEventListener('hashchange', route);
    route();
    document.body.dataset.ready = 'true';
  }

  start();
})();
