#!/usr/bin/env bash
# Make sure the PostgreSQL server the tests use is running; fail loudly if it cannot be reached.
# The tests never skip PostgreSQL: storage must behave the same on it as on the embedded SQLite file.
set -euo pipefail

url="${ERTA_TEST_POSTGRES_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
host=$(python3 -c "from urllib.parse import urlsplit as u; print(u('$url').hostname or '127.0.0.1')")
port=$(python3 -c "from urllib.parse import urlsplit as u; print(u('$url').port or 5432)")

reachable() {
    python3 - "$host" "$port" <<'PY'
import socket, sys
try:
    socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=2).close()
except OSError:
    sys.exit(1)
PY
}

reachable && exit 0

if [ "$host" = "127.0.0.1" ] || [ "$host" = "localhost" ]; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "PostgreSQL is not installed; installing Debian's postgresql for the test suite." >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        version=$(ls /etc/postgresql | sort -V | tail -n 1)
        # A throwaway server for tests on this machine: local connections need no password.
        sed -i -E 's/^(host\s+all\s+all\s+(127\.0\.0\.1\/32|::1\/128)\s+)\S+/\1trust/' \
            "/etc/postgresql/$version/main/pg_hba.conf"
    fi
    for version in $(ls /etc/postgresql 2>/dev/null); do
        echo "Starting PostgreSQL $version." >&2
        pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
            || pg_ctlcluster "$version" main start || true
    done
    for _ in $(seq 1 30); do
        reachable && exit 0
        sleep 1
    done
fi

echo "error: PostgreSQL is not reachable at $host:$port (set ERTA_TEST_POSTGRES_URL to point the tests at a server)" >&2
exit 1
