# The sandbox's upgrade player ('fleetgate sandbox simulate-upgrades') as bin/run runs it: in the
# background, one per sandbox, stopped again by the run that started it.
# Needs $root (the checkout) and $sandbox_dir (the sandbox's state directory).

# Prints the pid of the player running for this sandbox, or nothing. A pid file whose process is
# gone, or is some other program now (a recycled pid), is stale and means no player.
running_player() {
  local file="$sandbox_dir/upgrade-player.pid" pid
  [ -f "$file" ] || return 0
  pid=$(head -c 32 "$file" | tr -dc '0-9')
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q ' sandbox simulate-upgrades'; then
    echo "$pid"
  fi
}

# Starts a player unless one runs; sets player_pid to the one started here (empty otherwise).
start_player() {
  local log="$sandbox_dir/logs/upgrade-player.log" existing
  player_pid=""
  existing=$(running_player)
  if [ -n "$existing" ]; then
    echo "==> The upgrade player already runs (pid $existing); leaving it to the run that started it"
    return 0
  fi
  mkdir -p "$(dirname "$log")"
  echo "==> Playing Cluster API's node upgrades in the background (log: $log)"
  # FLEETGATE_PER_NODE and FLEETGATE_NEVER_READY reach its --per-node and --never-ready.
  "$root/bin/fleetgate" sandbox simulate-upgrades --state-dir "$sandbox_dir" \
    </dev/null >>"$log" 2>&1 &
  player_pid=$!
}

# Stops the player this run started, if any: SIGTERM, then up to 20 s for its nodes to finish.
stop_player() {
  [ -n "${player_pid:-}" ] || return 0
  if kill -0 "$player_pid" 2>/dev/null; then
    echo "==> Stopping the upgrade player (pid $player_pid)"
    kill -TERM "$player_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$player_pid" 2>/dev/null || break
      sleep 0.2
    done
  fi
  player_pid=""
}
