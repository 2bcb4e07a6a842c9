#!/usr/bin/env bash
# From a fresh Debian machine with Node 20 to everything built and the main job run, in one command.
# Installs the Debian packages the tests and the demo use, pnpm, the workspace; builds every artifact;
# lints the bundled examples and runs the demo world.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# unbound + nginx + openssl: the local test world (DNS, DoH, HTTPS with a test CA).
# bind9-utils + knot-dnssecutils: named-checkzone and kzonecheck, the reference tools of the zone tests and benchmark.
# time: /usr/bin/time, for the peak memory the benchmarks print.
# chromium + libnss3-tools: the browser extension's end-to-end tests (system Chromium, the test CA trusted via certutil).
# neovim: headless Neovim, the second LSP client of the language server tests.
# postfix: the test world's real MTA; its MX hosts answer STARTTLS (an instance of its own, started by the world).
# firefox-esr: the Firefox build of the extension, tested in Firefox over WebDriver BiDi (extension/test/e2e-firefox.test.ts).
# build-essential + python3 + libkrb5-dev: code-server's native modules, built from source for the VS Code workbench
#   tests (vscode-client/scripts/install-code-server.sh); ripgrep: the workbench's search binary, instead of a download.
PACKAGES=(unbound nginx openssl bind9-utils knot-dnssecutils ca-certificates time neovim chromium libnss3-tools postfix firefox-esr build-essential python3 libkrb5-dev ripgrep)
missing=()
for p in "${PACKAGES[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  # Installing must not start system services on the machine's ports (the tests start their own servers):
  # a policy-rc.d that says "no" for the length of the install, the way container images do it.
  made_policy=no
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d' && made_policy=yes
  fi
  # Postfix asks what kind of mail system this is: none (the world runs its own instance with its own config).
  echo "postfix postfix/main_mailer_type select No configuration" | as_root debconf-set-selections
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$made_policy" = yes ] && as_root rm -f /usr/sbin/policy-rc.d
  as_root sh -c 'for s in unbound nginx postfix; do (service "$s" stop || true) >/dev/null 2>&1; done'
fi

# The oldest Firefox ESR the archive offers (Debian stable's main archive keeps the ESR it shipped with, security
# updates bring the newer one): unpacked beside the installed one, not installed, so the Firefox suite also runs in
# the oldest version the add-on's strict_min_version admits. Its libraries are the installed firefox-esr's.
oldest_esr=$(apt-cache madison firefox-esr | awk -F'|' '{gsub(/ /, "", $2); print $2}' | sort -V | head -n1)
installed_esr=$(dpkg-query -W -f='${Version}' firefox-esr)
if [ -n "$oldest_esr" ] && [ "$oldest_esr" != "$installed_esr" ]; then
  esr_dir="/opt/sts-lens-firefox-esr-${oldest_esr%%-*}"
  if [ ! -x "$esr_dir/usr/lib/firefox-esr/firefox-esr" ]; then
    say "Unpacking Firefox ESR $oldest_esr (the oldest ESR offered) into $esr_dir"
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download -qq "firefox-esr=$oldest_esr" 2>/dev/null)
    as_root mkdir -p "$esr_dir"
    as_root dpkg-deb -x "$tmp"/firefox-esr_*.deb "$esr_dir"
    rm -rf "$tmp"
  fi
fi

PNPM_VERSION=10.34.8
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  say "Installing pnpm $PNPM_VERSION"
  as_root npm install -g --silent "pnpm@$PNPM_VERSION"
fi

say "Installing the workspace"
pnpm install --frozen-lockfile

say "Building every artifact"
pnpm run build

say "code-server $(sed -n 's/^VERSION=//p' vscode-client/scripts/install-code-server.sh) for the VS Code workbench tests (cached, about a minute the first time)"
vscode-client/scripts/install-code-server.sh >/dev/null

say "sts-lens lint examples/ (the examples contain mistakes on purpose)"
node cli/dist/sts-lens.js lint examples/ || true

if [ -f cli/world/serve.mjs ] && grep -q '"demo"' package.json; then
  say "The demo world: local DNS/DoH + HTTPS serving sample domains, checked"
  pnpm demo
fi
