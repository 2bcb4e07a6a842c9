#!/usr/bin/env bash
# code-server 4.100.3 (VS Code 1.100.3 in the browser; the last release that runs on Node 20) for the
# workbench end-to-end tests, into a cache outside the repository, with no download but the npm registry.
# npm's own postinstall would fetch prebuilt binaries from GitHub; instead it runs with --ignore-scripts and
# its steps are redone here: the native modules built from source against the system Node headers
# (/usr/include/node), ripgrep taken from Debian. Reused when complete (the marker file is written last).
# Prints the install directory (the one holding out/node/entry.js) on its last line.
set -euo pipefail

VERSION=4.100.3
CACHE="${STS_LENS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sts-lens}"
ROOT="$CACHE/code-server-$VERSION"
CS="$ROOT/node_modules/code-server"
MARKER="$ROOT/.complete"

if [ -f "$MARKER" ] && [ -f "$CS/out/node/entry.js" ]; then
  echo "$CS"
  exit 0
fi

log() { printf '  code-server: %s\n' "$*" >&2; }
for tool in rg make g++ python3; do
  command -v "$tool" >/dev/null || { echo "install-code-server.sh: '$tool' is missing (setup.sh installs it)" >&2; exit 1; }
done
[ -f /usr/include/node/node_version.h ] || { echo "install-code-server.sh: the Node headers /usr/include/node are missing" >&2; exit 1; }

NPM_DIR="$(dirname "$(readlink -f "$(command -v npm)")")/.."
NODE_GYP="$NPM_DIR/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$NODE_GYP" ] || { echo "install-code-server.sh: npm's node-gyp is missing ($NODE_GYP)" >&2; exit 1; }

rm -rf "$ROOT"
mkdir -p "$ROOT"
cd "$ROOT"
echo '{"private":true}' > package.json
npmi() { npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@" >&2; }

start=$(date +%s)
log "npm install code-server@$VERSION (scripts off)"
npmi "code-server@$VERSION"

# Build one native module in place, offline, against the system Node headers.
gyp() { (cd "$1" && node "$NODE_GYP" rebuild --nodedir=/usr --jobs=2 --loglevel=error >/dev/null 2>&1) \
  || { echo "install-code-server.sh: building $1 failed; rerun: cd $1 && node $NODE_GYP rebuild --nodedir=/usr" >&2; exit 1; }; }

log "argon2 (code-server's password hashing) built from source"
ARGON2="$(cd "$CS" && node -p 'require("path").dirname(require.resolve("argon2/package.json"))')"
(cd "$ARGON2" && node "$ROOT/node_modules/@mapbox/node-pre-gyp/bin/node-pre-gyp" rebuild --build-from-source \
  --nodedir=/usr --loglevel=error >/dev/null 2>&1) \
  || { echo "install-code-server.sh: building argon2 failed (in $ARGON2)" >&2; exit 1; }

log "lib/vscode dependencies"
cd "$CS/lib/vscode"
npmi --omit=dev
for m in @parcel/watcher @vscode/spdlog native-watchdog node-pty kerberos @vscode/deviceid; do
  log "native module $m"
  gyp "node_modules/$m"
done
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# What postinstall.sh does besides installing: the asar alias and the platform scripts.
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)

log "lib/vscode/extensions dependencies (the built-in extensions)"
(cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error >/dev/null 2>&1) \
  || { echo "install-code-server.sh: npm install in lib/vscode/extensions failed" >&2; exit 1; }

touch "$MARKER"
log "ready in $(( $(date +%s) - start )) s, $(du -sm "$ROOT" | cut -f1) MB: $CS"
echo "$CS"
