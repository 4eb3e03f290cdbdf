#!/usr/bin/env bash
# Set up a checkout: a .venv with the tracker and its test tools installed (editable).
# Idempotent: a second run reuses the venv and skips pip when pyproject.toml is unchanged.
#
#   bash scripts/setup.sh                 Python packages only
#   bash scripts/setup.sh --system-deps   also Debian's postgresql and chromium when missing
#                                         (installed with apt-get when run as root; the test
#                                         suite needs both; no browser is ever downloaded)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

system_deps=0
for arg in "$@"; do
  case "$arg" in
    --system-deps) system_deps=1 ;;
    -h|--help) sed -n '2,8s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option '$arg' (try --help)" ;;
  esac
done

# --- system packages (Debian) ---------------------------------------------------------------

have_postgresql() {
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null \
    || { command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; }
}

have_chromium() { [ -x /usr/bin/chromium ]; }

install_system_deps() {
  local missing=()
  if have_postgresql; then say "postgresql: already installed"; else missing+=(postgresql); fi
  if have_chromium; then say "chromium: already installed"; else missing+=(chromium); fi
  if [ ${#missing[@]} -eq 0 ]; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]}; not root, so not installing them."
    say "install them with: sudo apt-get install ${missing[*]}"
    say "(without them the PostgreSQL/browser tests are skipped locally and fail in CI)"
    return 0
  fi
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get to install them"
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  say "running: apt-get update"
  apt-get update -q
  say "running: apt-get install -y ${missing[*]}"
  apt-get install -y -q "${missing[@]}"
}

# --- Python ---------------------------------------------------------------------------------

pick_python() {
  local candidate
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

setup_venv() {
  if [ ! -x .venv/bin/python ]; then
    local python
    python="$(pick_python)" || die "Python >= 3.11 not found (tried python3.11, python3)"
    say "creating .venv with $python ($("$python" --version 2>&1))"
    "$python" -m venv .venv
  fi
  # pip runs again only when the dependencies may have changed.
  local stamp=.venv/.tracker-setup-stamp wanted
  wanted="$(sha256sum pyproject.toml | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
    say "Python packages: up to date"
    return 0
  fi
  say "installing the tracker and its test tools into .venv (pip install -e '.[test]')"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  .venv/bin/python -m pip install --quiet --progress-bar off -e '.[test]'
  echo "$wanted" >"$stamp"
}

if [ "$system_deps" -eq 1 ]; then install_system_deps; fi
setup_venv
say "done"
