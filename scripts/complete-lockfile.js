#!/usr/bin/env node
// Adds the lockfile entries of platform-specific optional packages (darwin, win32, musl... builds of
// @swc/core, Biome, msgpackr-extract) that `npm install` leaves out when the registry it talks to does
// not serve them, as this workplace's mirror does not. Without them `npm ci` refuses the lockfile
// ("Missing: @swc/core-darwin-arm64@ from lock file"). On a machine of another platform npm fetches
// them by name and version, as for any lockfile written with omit-lockfile-registry-resolved.
// Run after changing dependencies: `npm install && npm run lock:complete`.
const fs = require('node:fs');

const file = 'package-lock.json';
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const packages = lock.packages;

/** os / cpu / libc from names like core-linux-x64-musl, cli-win32-arm64, binding-android-arm-eabi. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony'].find((o) => parts.includes(o));
  const cpu = ['x64', 'arm64', 'arm', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64'].find((c) =>
    parts.includes(c),
  );
  const libc = parts.some((p) => p.startsWith('musl')) ? 'musl' : os === 'linux' ? 'glibc' : undefined;
  return os && cpu ? { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) } : null;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${location}/node_modules/${name}`;
    if (packages[key] || packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+$/.test(version)) {
      console.warn(`left out ${name}@${version}: not a pinned platform build`);
      continue;
    }
    packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`${added} platform entries added to ${file}`);
