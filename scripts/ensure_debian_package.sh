#!/bin/sh
# Install a Debian package when a check says it is missing and this user may install
# packages (root, or sudo without a password); otherwise say what to install and fail.
# Usage: sh scripts/ensure_debian_package.sh PACKAGE CHECK-COMMAND [ARGS...]
set -eu
package=$1
shift
if "$@" >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "Missing: $package. Install it first: sudo apt-get install $package" >&2
  exit 1
fi
echo "Installing the Debian package $package"
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"
