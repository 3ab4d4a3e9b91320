#!/usr/bin/env bash
# Installs what the real-VS-Code and browser test tiers need: Debian's chromium, ripgrep and
# code-server's build dependencies, fonts for Chinese, Japanese, Korean and colour emoji (the
# browser tests draw and measure such titles; without them Chromium draws empty boxes of
# another width), then code-server 4.100.3 (= VS Code 1.100.3) from npm into
# .vscode-test/code-server. Idempotent: returns at once when everything is already there.
#
# `install-vscode-test.sh code-server` installs code-server alone (what `npm start` needs):
# it asks for no Debian package and no root, and works off Debian too.
set -euo pipefail
cd "$(dirname "$0")/.."

CODE_SERVER_VERSION=4.100.3
# The @vscode/ripgrep that code-server 4.100.3 pulls in, and the rg build it downloads.
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

dir=.vscode-test/code-server
bin=$dir/node_modules/code-server/out/node/entry.js
# Written once npm install has succeeded, so an interrupted install is redone.
marker=$dir/.installed-$CODE_SERVER_VERSION

mode=${1:-tests}

# 1. Debian packages, only when one is missing (apt-get update is the slow part). The tests
# need them all; code-server alone needs none that a developer machine lacks.
packages=(libkrb5-dev pkg-config ripgrep chromium fonts-noto-cjk fonts-noto-color-emoji)
missing=()
if [ "$mode" = tests ]; then
  for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$package")
    fi
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-vscode-test: missing Debian packages ${missing[*]}: run this script as root" >&2
    exit 1
  fi
  echo "install-vscode-test: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. code-server, in a folder of its own (not the extension's dependencies).
if [ -f "$marker" ] && [ -f "$bin" ]; then
  [ "$mode" = tests ] && echo "install-vscode-test: code-server $CODE_SERVER_VERSION already installed"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub, which some machines cannot reach:
# pre-fill its download cache with the machine's rg when there is one (any tar.gz with `rg`
# at its root); without one the postinstall downloads it.
cache="$(node -p "require('os').tmpdir()")/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
if [ ! -s "$cache/$RIPGREP_ASSET" ] && command -v rg >/dev/null; then
  mkdir -p "$cache"
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  tar -czf "$cache/$RIPGREP_ASSET" -C "$staging" rg
  rm -rf "$staging"
fi

mkdir -p "$dir"
rm -f "$dir"/.installed-*
cat >"$dir/package.json" <<JSON
{
  "name": "vscode-test-code-server",
  "description": "code-server for the extension's integration tests (scripts/install-vscode-test.sh)",
  "private": true,
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION"
  }
}
JSON
echo "install-vscode-test: installing code-server $CODE_SERVER_VERSION into $dir (about a minute)"
# unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall
# runs `npx node-gyp`, which a `yes=false` npm config would cancel.
(
  cd "$dir"
  npm_config_unsafe_perm=true npm_config_yes=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm install --no-audit --no-fund --loglevel=error
)
if [ ! -f "$bin" ]; then
  echo "install-vscode-test: code-server did not install ($bin is missing)" >&2
  exit 1
fi
touch "$marker"
echo "install-vscode-test: code-server $CODE_SERVER_VERSION installed"
