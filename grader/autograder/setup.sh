#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image from this bundle.
# It installs a Python 3.12 (or uses AUTOGRADER_PYTHON), then the course's wheel and its pinned
# requirements into $AUTOGRADER_ROOT/lib, and checks that the grader starts.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"
LIB="$ROOT/lib"

if [ -n "${AUTOGRADER_PYTHON:-}" ]; then
  PYTHON="$AUTOGRADER_PYTHON"
else
  if ! command -v python3.12 >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    if ! apt-get install -y python3.12 python3.12-venv; then
      apt-get install -y software-properties-common  # older Ubuntu: Python 3.12 from deadsnakes
      add-apt-repository -y ppa:deadsnakes/ppa
      apt-get update
      apt-get install -y python3.12 python3.12-venv
    fi
  fi
  python3.12 -m venv "$ROOT/python"
  PYTHON="$ROOT/python/bin/python"
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))'; then
  echo "setup.sh: $PYTHON is not Python 3.12; the grader needs 3.12" >&2
  exit 1
fi

rm -rf "$LIB"
mkdir -p "$LIB"
"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps --no-index \
  --target "$LIB" "$SOURCE"/@WHEEL@
# The pinned requirements (NumPy @REQUIREMENTS@): kept when the Python already has exactly
# these versions, installed beside the course otherwise.
if ! PYTHONPATH="$LIB" "$PYTHON" - @REQUIREMENTS@ <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version

def have(pin: str) -> bool:
    name, _, wanted = pin.partition("==")
    try:
        return version(name) == wanted
    except PackageNotFoundError:
        return False

sys.exit(0 if all(have(pin) for pin in sys.argv[1:]) else 1)
PY
then
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --target "$LIB" @REQUIREMENTS@
fi
printf '%s\n' "$PYTHON" > "$ROOT/grader-python"
PYTHONPATH="$LIB" "$PYTHON" -m grader list > /dev/null  # fail the image build, not each run
echo "setup.sh: the grader is ready in $LIB ($("$PYTHON" --version))"
