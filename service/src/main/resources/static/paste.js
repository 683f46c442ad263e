// Reads what a person pastes from the machine: `torchplan detect --json` (the client's MachinePrinter format:
// facts as {value, source}) or nvidia-smi's table or its CSV query output. Answers the fields it found, nothing
// more: the page fills those and says which.
'use strict';

window.TorchplanPaste = (function () {

  function fact(node) {
    if (node == null) return null;
    if (typeof node === 'string') return node;
    return typeof node.value === 'string' ? node.value : null;
  }

  function fromDetectJson(document) {
    const fields = {};
    const os = fact(document.os);
    if (os) fields.os = os.toLowerCase();
    const arch = fact(document.arch);
    if (arch) fields.arch = arch;
    const glibc = fact(document.glibc);
    if (glibc) fields.glibc = glibc;
    const macos = fact(document.macos);
    if (macos) fields.macos = macos;
    if (document.python && typeof document.python.abi === 'string') fields.python = document.python.abi;
    const gpus = Array.isArray(document.gpus) ? document.gpus : [];
    // one GPU decides, as the client sends one: NVIDIA first, then AMD, then Intel
    const pick = ['nvidia', 'amd', 'intel']
      .map(vendor => gpus.find(gpu => gpu && gpu.vendor === vendor)).find(Boolean);
    if (pick) {
      fields.gpu = pick.vendor;
      if (pick.vendor === 'nvidia') {
        const driver = fact(pick.driverVersion);
        if (driver) fields.driver = driver;
        const capability = fact(pick.computeCapability);
        if (capability) fields.capability = capability;
      } else if (pick.vendor === 'amd') {
        const architecture = fact(pick.architecture);
        if (architecture) fields.amdArchitecture = architecture;
      }
    } else if (Array.isArray(document.gpus)) {
      fields.gpu = 'none';
    }
    return fields;
  }

  function fromNvidiaSmi(text) {
    const fields = {};
    // the table: "Driver Version: 580.159.04" (older drivers print "Driver Version: 535.104.05")
    const table = /Driver Version:\s*([0-9]+(?:\.[0-9]+)+)/i.exec(text);
    if (table) {
      fields.gpu = 'nvidia';
      fields.driver = table[1];
    }
    // --query-gpu=driver_version,compute_cap,name --format=csv[,noheader]: "580.159.04, 9.0, NVIDIA H200";
    // with several GPUs the lowest compute capability decides, as every wheel must carry its kernels
    let lowest = null;
    for (const line of text.split(/\r?\n/)) {
      const csv = /^\s*([0-9]+\.[0-9]+(?:\.[0-9]+)?)\s*,\s*([0-9]+\.[0-9]+)\s*(?:,|$)/.exec(line);
      if (csv) {
        fields.gpu = 'nvidia';
        fields.driver = fields.driver || csv[1];
        const capability = csv[2];
        if (lowest === null || parseFloat(capability) < parseFloat(lowest)) lowest = capability;
      }
    }
    if (lowest !== null) fields.capability = lowest;
    return fields;
  }

  /** The fields found in the pasted text, and what it was read as. */
  function read(text) {
    const trimmed = (text || '').trim();
    if (trimmed === '') return { kind: 'empty', fields: {} };
    if (trimmed.startsWith('{')) {
      try {
        return { kind: 'torchplan detect --json', fields: fromDetectJson(JSON.parse(trimmed)) };
      } catch (notJson) {
        return { kind: 'invalid JSON', fields: {}, error: 'This looks like JSON but does not parse: ' + notJson.message };
      }
    }
    return { kind: 'nvidia-smi', fields: fromNvidiaSmi(trimmed) };
  }

  return { read: read };
})();
