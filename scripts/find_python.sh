#!/usr/bin/env bash
# Print the path of a Python 3.12 or newer interpreter, or explain what to install and fail.
# Order: $PYTHON if set, then python3.12/3.13/3.14/python3 on PATH, then pyenv's versions.
set -u

ok() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

if [ -n "${PYTHON:-}" ]; then
  if ok "$PYTHON"; then command -v "$PYTHON" || echo "$PYTHON"; exit 0; fi
  echo "PYTHON=$PYTHON is not a working Python 3.12 or newer." >&2
  exit 1
fi

for candidate in python3.12 python3.13 python3.14 python3; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if ok "$path"; then
    # pyenv shims resolve to whichever version is active; ask the interpreter for its real path.
    "$path" -c 'import sys; print(sys.executable)'
    exit 0
  fi
done

for root in "${PYENV_ROOT:-$HOME/.pyenv}/versions" /usr/local/bin /opt/python*/bin; do
  for path in $(ls -d "$root"/3.1[2-9]*/bin/python3 "$root"/python3.1[2-9] 2>/dev/null | sort -V); do
    if ok "$path"; then echo "$path"; exit 0; fi
  done
done

cat >&2 <<'MSG'
This project needs Python 3.12 or newer, and none was found.
Install one, for example:
  - with pyenv:        pyenv install 3.12
  - on Debian/Ubuntu:  apt install python3.12 python3.12-venv (Ubuntu 24.04+, Debian 13+)
  - from python.org:   https://www.python.org/downloads/
or point the setup at one you have:  make setup PYTHON=/path/to/python3.12
MSG
exit 1
