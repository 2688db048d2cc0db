#!/usr/bin/env bash
# Idempotent: installs Debian's PostgreSQL, builds pgvector from Debian's source package for that server, and starts
# a private cluster on loopback for the pgvector tests and benchmarks:
#   Host=127.0.0.1;Port=55432;Username=postgres;Database=basketreasoner   (what BASKET_PG defaults to)
# Already installed, built and running: it only checks, in well under a second.
#
# Why from source: this Debian release packages no pgvector binary, so the source package is fetched with
# `apt-get source` from a deb-src entry derived from the machine's own apt sources (same mirrors, same keyring),
# trying this release's suite first and then the next release's, and built with PGXS against the installed server.
#
# The cluster is a disposable test/bench server: trust authentication on 127.0.0.1 only, fsync off. It lives in
# BASKET_PG_DATA (default /var/tmp/basketreasoner-pg/<port>), owned by the postgres user, shared by every checkout on
# the machine. Stop it with: runuser -u postgres -- pg_ctl -D <data> stop
#
# Environment: BASKET_PG_PORT (55432), BASKET_PG_DATA, BASKET_PGVECTOR_SUITES (this release, then "trixie").
set -euo pipefail

port="${BASKET_PG_PORT:-55432}"
data="${BASKET_PG_DATA:-/var/tmp/basketreasoner-pg/$port}"
database="basketreasoner"
log() { echo "setup-postgres: $*" >&2; }

as_root() { [ "$(id -u)" -eq 0 ]; }
# The server refuses to run as root, so root runs it as the postgres user; anyone else runs it as themselves.
as_owner() {
  if as_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  local major
  major="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -1)"
  [ -n "$major" ] && [ -x "/usr/lib/postgresql/$major/bin/postgres" ] && echo "/usr/lib/postgresql/$major/bin"
}

psql_db() { "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 "$@"; }

ready() {
  [ -n "${bin:-}" ] && "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d "$database" 2>/dev/null \
    && [ "$(psql_db -d "$database" -tAc "select count(*) from pg_extension where extname = 'vector'" 2>/dev/null)" = "1" ]
}

# A fresh machine's package lists can be empty or stale ("Unable to locate package"): refresh them once, before the
# first install of this run.
apt_updated=""
apt_install() {
  as_root || { log "not root: cannot install $*"; return 1; }
  if [ -z "$apt_updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@" >/dev/null
}

bin="$(pg_bin || true)"
if ready; then
  exit 0
fi

# 1. Debian's PostgreSQL server.
if [ -z "$bin" ]; then
  log "installing Debian's postgresql"
  apt_install postgresql
  bin="$(pg_bin)"
fi
major="$(basename "$(dirname "$bin")")"

# 2. pgvector, built from Debian's source package against this server.
pkglibdir="/usr/lib/postgresql/$major/lib"
sharedir="/usr/share/postgresql/$major"
if [ ! -f "$pkglibdir/vector.so" ] || [ ! -f "$sharedir/extension/vector.control" ]; then
  as_root || { log "pgvector is not installed for PostgreSQL $major and only root can build it"; exit 1; }
  log "building pgvector from Debian's source package for PostgreSQL $major"
  apt_install "postgresql-server-dev-$major" build-essential dpkg-dev

  codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  suites="${BASKET_PGVECTOR_SUITES:-$codename trixie}"
  srcfile=/etc/apt/sources.list.d/basketreasoner-deb-src.sources
  # Derive the deb-src entry from the machine's own entries for its release's main archive: same URIs, same keyring.
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -f "$f" ] && [ "$f" != "$srcfile" ] || continue
      awk -v want="$codename" -v suites="$suites" '
        function flush() {
          if (types ~ /(^| )deb( |$)/ && (" " suitelist " ") ~ (" " want " ") && uris != "") {
            print "Types: deb-src"; print "URIs: " uris; print "Suites: " suites; print "Components: " comps
            if (signed != "") print "Signed-By: " signed
            print ""
          }
          types = uris = suitelist = comps = signed = ""
        }
        /^[ \t]*$/ { flush(); next }
        /^[ \t]*#/ { next }
        /^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
        /^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0 }
        /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suitelist = $0 }
        /^Components:/ { sub(/^Components:[ \t]*/, ""); comps = $0 }
        /^Signed-By:/ { sub(/^Signed-By:[ \t]*/, ""); signed = $0 }
        END { flush() }' "$f"
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -f "$f" ] || continue
      # One-line form: deb [options] URI suite components...
      awk -v want="$codename" -v suites="$suites" '
        $1 == "deb" {
          i = 2; opts = ""
          if ($i ~ /^\[/) { while ($i !~ /\]$/) { opts = opts " " $i; i++ } opts = opts " " $i; i++ }
          uri = $i; suite = $(i + 1); comps = ""
          for (j = i + 2; j <= NF; j++) comps = comps " " $j
          if (suite == want) {
            signed = ""
            if (match(opts, /signed-by=[^] ]+/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
            print "Types: deb-src"; print "URIs: " uri; print "Suites: " suites; print "Components:" comps
            if (signed != "") print "Signed-By: " signed
            print ""
          }
        }' "$f"
    done
  } > "$srcfile.new"
  if [ ! -s "$srcfile.new" ]; then
    rm -f "$srcfile.new"
    log "no apt source for release '$codename' found to derive a deb-src entry from"; exit 1
  fi
  mv "$srcfile.new" "$srcfile"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null

  work="$(mktemp -d /var/tmp/basketreasoner-pgvector.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  fetched=""
  for suite in $suites; do
    if (cd "$work" && apt-get -q source "pgvector/$suite" >/dev/null 2>&1); then fetched="$suite"; break; fi
  done
  [ -n "$fetched" ] || { log "no pgvector source package in suites: $suites"; exit 1; }
  srcdir="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -1)"
  log "building $(basename "$srcdir") (Debian source from $fetched)"
  # OPTFLAGS="" keeps the build portable (upstream defaults to -march=native); SIMD dispatch is pgvector's own.
  make -C "$srcdir" -s PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" OPTFLAGS="" -j"$(nproc)" >/dev/null
  make -C "$srcdir" -s PG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" install >/dev/null
fi

# 3. The private cluster on loopback.
if [ ! -f "$data/PG_VERSION" ]; then
  log "creating cluster in $data (port $port)"
  mkdir -p "$data"
  as_root && chown postgres:postgres "$data" && chmod 700 "$data"
  as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  cat >> "$data/postgresql.conf" <<EOF
# basketreasoner: disposable test/bench server on loopback only
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_connections = 50
EOF
fi
if ! "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  log "starting PostgreSQL $major on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 start >/dev/null
fi
if [ "$(psql_db -d postgres -tAc "select count(*) from pg_database where datname = '$database'")" != "1" ]; then
  psql_db -d postgres -c "create database $database"
fi
psql_db -d "$database" -c "create extension if not exists vector"
ready || { log "PostgreSQL on 127.0.0.1:$port is not usable"; exit 1; }
log "ready: Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"
