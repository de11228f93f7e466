#!/usr/bin/env bash
# Installs everything Helpdesk needs to build, run and test on Debian 12 / Ubuntu 22.04+.
# Idempotent: apt-get skips what is already there. Runs apt-get as root, through sudo otherwise.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build git pkg-config clang-format
  # Qt 6 (6.4 is the floor): Core/Sql/Network for core, Widgets/Charts/Svg for the client,
  # HttpServer (+ WebSockets, which its CMake config needs) for the server, tools for lupdate/lrelease
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-httpserver-dev qt6-websockets-dev
  qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  libqt6sql6-sqlite libqt6sql6-psql libqt6svg6 libqt6opengl6-dev libgl-dev
  # storage: SQLite 3.40 with FTS5 (Qt's driver links the system library)
  sqlite3 libsqlite3-dev
  # helpdesk-server for teams: PostgreSQL (libqt6sql6-psql above is Qt's driver); the tests start
  # a throwaway cluster of their own (scripts/pg-test.sh)
  postgresql
  # helpdesk-server: Argon2id password hashes and random session tokens
  libsodium-dev
  # the desktop's sign-in token in the system keyring (Secret Service / KWallet); libsodium above
  # encrypts the file it falls back to
  qtkeychain-qt6-dev
  # GUI tests and screenshots
  xvfb xauth fonts-noto-cjk
  # libFuzzer targets of the parsers (scripts/fuzz.sh): clang with its sanitizer runtimes
  clang libclang-rt-dev
)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-deps: not a Debian/Ubuntu system; install the dependencies listed in README.md"
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
