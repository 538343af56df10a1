#!/usr/bin/env bash
# Installs the real peers the tests run against (Debian packages), if they are missing.
set -euo pipefail

missing=()
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v prometheus-alertmanager >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v amtool >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
dpkg -s libsqlite3-dev >/dev/null 2>&1 || missing+=(libsqlite3-dev)

if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# moto (AWS stand-in for the KlaxonAWS tests), from PyPI.
if ! command -v moto_server >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
  if ! python3 -m pip --version >/dev/null 2>&1; then
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
  fi
  echo "installing: moto[server] (pip)"
  # Debian marks its Python as externally managed; moto is a test tool, so install it anyway.
  $sudo python3 -m pip install --quiet 'moto[server]' 2>/dev/null \
    || $sudo python3 -m pip install --quiet --break-system-packages 'moto[server]'
fi
