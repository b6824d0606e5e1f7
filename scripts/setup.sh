#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine (run as root, or with sudo available):
# installs what is missing, builds the native shim in Release, restores and builds the solution.
# When everything is present it takes seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# Debian packages: the engine (libtorch + OpenBLAS), the native toolchain, and the Python references the tests use.
packages=(
  libtorch-dev libopenblas0-pthread libgloo-dev cmake g++ make
  python3 python3-torch python3-numpy python3-scipy python3-networkx python3-sklearn python3-gensim
  python3-protobuf protobuf-compiler chromium
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  if [[ $(id -u) -ne 0 ]]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -q >/dev/null
  $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

# OpenBLAS must be the libblas.so.3 that libtorch loads (reference BLAS is ~25x slower).
blas="$(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3 2>/dev/null || true)"
if [[ "$blas" != *openblas* ]]; then
  alt="$(update-alternatives --list libblas.so.3-x86_64-linux-gnu 2>/dev/null | grep openblas | head -n1 || true)"
  if [[ -n "$alt" ]]; then update-alternatives --set libblas.so.3-x86_64-linux-gnu "$alt" >/dev/null; fi
fi

bash scripts/build-native.sh
dotnet build Trainer.slnx -c Release -v quiet -nologo -clp:ErrorsOnly
