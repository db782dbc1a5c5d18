# Shared set-up for scripts/demo and scripts/test (sourced, not run).
# Creates .venv, installs the pinned requirements and the system packages WeasyPrint
# and the browser tests need; where it cannot install them it stops with the command to run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"
PYTHON_BIN="${PYTHON:-python3}"

say() { printf '\033[1m[terroir]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[terroir]\033[0m %s\n' "$*" >&2; exit 1; }

require_python() {
  command -v "$PYTHON_BIN" >/dev/null 2>&1 || die "Python 3.11 or newer is needed: sudo apt-get install -y python3 python3-venv"
  "$PYTHON_BIN" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 or newer is needed; $("$PYTHON_BIN" --version) found. Set PYTHON=/path/to/python3.11."
}

# apt-get that waits while another package manager (unattended-upgrades, a second terminal) holds
# apt's locks, instead of dying at once. DPkg::Lock::Timeout covers dpkg's lock only; the lock of
# the package lists (apt-get update) is waited for by trying again. APT_LOCK_WAIT seconds at most.
apt_get() {
  local waited=0 limit="${APT_LOCK_WAIT:-600}" poll="${APT_LOCK_POLL:-5}" output
  while true; do
    if output="$(${APT_SUDO:-} env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$limit" "$@" 2>&1)"; then
      [ -z "$output" ] || printf '%s\n' "$output"
      return 0
    fi
    if grep -qE "Could not get lock|Unable to lock" <<<"$output" && [ "$waited" -lt "$limit" ]; then
      [ "$waited" -gt 0 ] || say "Another package manager holds apt's lock; waiting for it (up to ${limit} s)"
      sleep "$poll"
      waited=$((waited + poll))
      continue
    fi
    printf '%s\n' "$output" >&2
    return 1
  done
}

# Debian packages: Pango and HarfBuzz's subsetter for WeasyPrint (without libharfbuzz-subset0
# a CJK page takes seconds), a CJK font so Chinese never renders as empty boxes, gettext
# for the translations, and Chromium for the browser tests.
install_system_packages() {
  local wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk gettext poppler-utils "$@")
  if ! command -v dpkg-query >/dev/null 2>&1; then
    say "Not a Debian system: make sure these are installed: ${wanted[*]}"
    return
  fi
  "$PYTHON_BIN" -c 'import venv, ensurepip' 2>/dev/null || wanted+=(python3-venv)
  local missing=()
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "Installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt_get update -qq
    apt_get install -y -qq --no-install-recommends "${missing[@]}"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    APT_SUDO=sudo apt_get update -qq
    APT_SUDO=sudo apt_get install -y -qq --no-install-recommends "${missing[@]}"
  else
    die "Missing system packages. Run this, then run the command again:
    sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  fi
}

install_python_requirements() {
  local requirements="$1"
  [ -x "$VENV/bin/python" ] || { say "Creating the virtual environment in .venv"; "$PYTHON_BIN" -m venv "$VENV"; }
  local stamp="$VENV/.installed-$(basename "$requirements")"
  local digest
  digest="$(cat requirements*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    say "Installing Python requirements ($requirements)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$digest" > "$stamp"
  fi
}

compile_translations() {
  "$VENV/bin/python" manage.py compilemessages --verbosity 0 --ignore ".venv" --ignore "var"
}
