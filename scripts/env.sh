# Shared by scripts/demo and scripts/test: find a Python >= 3.12 and prepare .venv.
# Sourced, not executed.

find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.13 python3.12 python3 \
        "$HOME"/.pyenv/versions/3.13*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3 \
        /usr/local/bin/python3.13 /usr/local/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12; do
        [ -n "$candidate" ] || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate" 2>/dev/null || echo "$candidate"
            return 0
        fi
    done
    echo "Knooppunt needs Python 3.12 or newer; set PYTHON=/path/to/python3.12" >&2
    return 1
}

# Create .venv (once) and install the project with the pinned constraints.
ensure_venv() {
    local extras="$1" python
    if [ ! -x .venv/bin/python ]; then
        python=$(find_python) || exit 1
        "$python" -m venv .venv
    fi
    .venv/bin/python -m pip install --quiet --upgrade pip
    local target="."
    [ -z "$extras" ] || target=".[$extras]"
    .venv/bin/python -m pip install --quiet -c requirements/constraints.txt -e "$target"
}

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

port_open() {
    .venv/bin/python -c "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 2)" "$1" 2>/dev/null
}

# python-magic needs the libmagic system library to judge uploads by their content.
ensure_libmagic() {
    .venv/bin/python -c "import magic" 2>/dev/null || apt_install libmagic1
}
