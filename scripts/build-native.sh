#!/usr/bin/env bash
# Builds the C shim over libtorch (src/Torch/native) into native-build/libtrainer_torch.so.
# Called by src/Torch/Torch.csproj when a native source changed, and by scripts/setup.sh.
# Another libtorch: export Torch_DIR=/path/to/libtorch/share/cmake/Torch before building.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
src="$root/src/Torch/native"
out="$root/native-build"
if ! command -v cmake >/dev/null 2>&1; then
  echo "error: cmake is missing. Run scripts/setup.sh (installs cmake, g++, libtorch-dev, libopenblas0-pthread)." >&2
  exit 1
fi
args=(-S "$src" -B "$out" -DCMAKE_BUILD_TYPE=Release)
if [[ -n "${Torch_DIR:-}" ]]; then args+=("-DTorch_DIR=$Torch_DIR"); fi
# Configure once (or when Torch_DIR changes); build incrementally.
stamp="$out/.torch_dir"
if [[ ! -f "$out/CMakeCache.txt" || "$(cat "$stamp" 2>/dev/null)" != "${Torch_DIR:-}" ]]; then
  cmake "${args[@]}" >/dev/null || { echo "error: configuring the native shim failed (see above). Is libtorch installed? Run scripts/setup.sh." >&2; exit 1; }
  echo "${Torch_DIR:-}" > "$stamp"
fi
cmake --build "$out" -j "$(nproc)" -- --no-print-directory
touch "$out/libtrainer_torch.so"
