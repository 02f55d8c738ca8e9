#!/usr/bin/env bash
# The JDK's ahead-of-time cache for the fleetgate command (JDK 25+: JEP 483, 514, 515): classes
# read, parsed and linked, and method profiles, recorded by a training run (validate of the example
# fleet) so that later runs start without doing that work again. See docs/adr/0010.
#
# The cache lives outside the repository, one per checkout, under
#   ${XDG_CACHE_HOME:-~/.cache}/fleetgate/aot/<checkout>/<flavour>-<key>.aot
# where the key covers the JDK, the JVM options and every jar (path, size, modification time; the
# JVM itself refuses a cache whose jars changed in any of these), so a rebuild or another JDK gets
# a new cache and the old one is deleted. A missing, stale or unreadable cache is never an error:
# the JVM then starts as it would without one.
#
# Sourced by bin/fleetgate and bin/build; run as 'bin/lib/aot.sh train JAVA_HOME ROOT FLAVOUR' for
# a detached training run. FLEETGATE_AOT=0 turns the cache off.

# The JVM options every fleetgate launch uses; the training run must use the same ones.
FLEETGATE_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED)

# Commands that run for a second or two, most of it start-up, use only the JIT's first tier (C1):
# the optimising tier (C2) would spend more time compiling than the run has left (validate of
# 2,000 Deployments: half the CPU time without it). Long-running commands (serve, sync) keep both.
# The argument is the command's first word; prints the flavour, 'quick' or 'default'.
aot_flavour() { # first argument of the command
  case "${1:-}" in
    validate | version | status | token | --help | -h | --version | "") echo quick ;;
    *) echo default ;;
  esac
}

# The JVM options of a flavour.
aot_flavour_flags() { # flavour
  [ "$1" = quick ] && echo "-XX:TieredStopAtLevel=1"
  return 0
}

# The class path, jar by jar in a fixed order (the cache records it and must see it again).
aot_classpath() { # root
  local root=$1 cp jar
  cp="$root/platform-service/target/fleetgate-platform-service-0.1.0-SNAPSHOT.jar"
  for jar in "$root"/platform-service/target/lib/*.jar; do cp="$cp:$jar"; done
  echo "$cp"
}

# Succeeds when the JDK at $1 has the one-step cache workflow (-XX:AOTCacheOutput, JDK 25).
aot_supported() { # java_home
  [ "${FLEETGATE_AOT:-1}" != 0 ] || return 1
  local version
  version=$(jdk_feature_version "$1")
  [ -n "$version" ] && [ "$version" -ge 25 ] 2>/dev/null
}

# Prints the cache file for this JDK, this flavour's JVM options and these jars (it may not exist
# yet). Each flavour has its own cache, since JIT options are part of what a cache was made with.
aot_cache_file() { # java_home root classpath flavour
  local java_home=$1 root=$2 cp=$3 flavour=$4 base checkout key
  base="${XDG_CACHE_HOME:-$HOME/.cache}/fleetgate/aot"
  checkout=$(printf '%s' "$root" | sha256sum | cut -c1-12)
  key=$(
    {
      echo "$java_home"
      sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$java_home/release" 2>/dev/null
      echo "${FLEETGATE_JVM_FLAGS[*]} $(aot_flavour_flags "$flavour") ${FLEETGATE_JAVA_OPTS:-}"
      sha256sum "${cp%%:*}" | cut -d' ' -f1
      IFS=: read -ra jars <<<"$cp"
      stat -c '%n %s %Y' "${jars[@]}"
    } | sha256sum | cut -c1-16
  )
  echo "$base/$checkout/$flavour-$key.aot"
}

# The JVM options that use the cache when it is there; the JVM's own messages about a cache it
# cannot use are silenced (they would land in validate's machine-readable output on stdout).
aot_use_flags() { # cache_file
  [ -f "$1" ] && echo "-XX:AOTCache=$1 -Xlog:aot*=off,cds*=off"
}

# Records a flavour's cache: a training run of 'fleetgate validate' on the example fleet, written to
# a temporary file and moved into place, then the checkout's older caches of that flavour are
# deleted. Does nothing when another training run holds the lock (one left by a run killed over 10
# minutes ago is taken).
aot_train() { # java_home root flavour
  local java_home=$1 root=$2 flavour=$3 cp file dir tmp lock
  aot_supported "$java_home" || return 0
  [ -d "$root/clusters" ] || return 0
  cp=$(aot_classpath "$root")
  [ -f "${cp%%:*}" ] || return 0
  file=$(aot_cache_file "$java_home" "$root" "$cp" "$flavour")
  [ -f "$file" ] && return 0
  dir=$(dirname "$file")
  mkdir -p "$dir" || return 0
  lock="$dir/training-$flavour.lock"
  if ! mkdir "$lock" 2>/dev/null; then
    [ -n "$(find "$lock" -maxdepth 0 -mmin +10 2>/dev/null)" ] || return 0
    rm -rf "$lock"
    mkdir "$lock" 2>/dev/null || return 0
  fi
  tmp="$file.$$.tmp"
  # shellcheck disable=SC2086
  if "$java_home/bin/java" "${FLEETGATE_JVM_FLAGS[@]}" $(aot_flavour_flags "$flavour") \
    ${FLEETGATE_JAVA_OPTS:-} -XX:AOTCacheOutput="$tmp" -cp "$cp" \
    io.fleetgate.cli.Main validate --repo "$root/clusters" >"$dir/training-$flavour.log" 2>&1 &&
    [ -s "$tmp" ]; then
    mv -f "$tmp" "$file"
    find "$dir" -maxdepth 1 -name "$flavour-*.aot" ! -path "$file" -delete 2>/dev/null
  fi
  rm -f "$tmp" "$tmp.config"
  rmdir "$lock" 2>/dev/null
  return 0
}

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = train ]; then
  # shellcheck source=bin/lib/java.sh
  source "$(dirname "${BASH_SOURCE[0]}")/java.sh"
  aot_train "$2" "$3" "${4:-quick}"
fi
