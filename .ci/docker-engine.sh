# Sourced by .ci/run: a Docker engine for the testcontainers server kind, where one can run.
#
#   ci_docker_up    install docker.io + busybox-static (root + apt), start dockerd in the background if no
#                   engine answers, build the local Temporal image, export TEMPORAL_IMAGE and the
#                   Testcontainers settings; returns 0 with or without an engine (the tests then skip,
#                   saying why)
#   ci_docker_down  stop the dockerd ci_docker_up started (nothing else), and wait for it to exit
#
# No registry is reachable on this project's machines, so nothing is pulled: the image is built
# locally (scripts/build-temporal-image) and Testcontainers runs without its ryuk cleanup container
# (the harness stops its server container itself). --bip gives the default bridge a gateway, which
# Testcontainers running inside a container uses as the host's address instead of starting alpine.

CI_DOCKERD_PID=""
CI_DOCKERD_LOG="${CI_DOCKERD_LOG:-/tmp/temporal-load-harness-dockerd.log}"

ci_docker_answers() { timeout 5 docker info >/dev/null 2>&1; }

ci_docker_up() {
  local root=$1
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
      echo "installing docker.io and busybox-static with apt-get"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker.io busybox-static >/dev/null ||
        echo "apt-get could not install docker.io busybox-static" >&2
    fi
  fi
  if ! command -v docker >/dev/null 2>&1; then
    echo "no docker command here: the testcontainers tests will be skipped with the reason"
    return 0
  fi
  if ci_docker_answers; then
    echo "a Docker engine already answers; using it (it is left running)"
  elif [ "$(id -u)" = 0 ] && command -v dockerd >/dev/null 2>&1; then
    echo "starting dockerd --bip 172.17.0.1/16 (log: $CI_DOCKERD_LOG)"
    # A subshell that closes every inherited descriptor above 2 (a caller's lock must not live on in
    # the daemon), then becomes dockerd.
    (
      for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        if [ "$fd" -gt 2 ] 2>/dev/null; then eval "exec $fd>&-" 2>/dev/null || true; fi
      done
      exec dockerd --bip 172.17.0.1/16 </dev/null >"$CI_DOCKERD_LOG" 2>&1
    ) &
    CI_DOCKERD_PID=$!
    local waited=0
    until ci_docker_answers; do
      if ! kill -0 "$CI_DOCKERD_PID" 2>/dev/null || [ "$waited" -ge 60 ]; then
        echo "dockerd did not answer within ${waited} s; last lines of $CI_DOCKERD_LOG:" >&2
        tail -n 20 "$CI_DOCKERD_LOG" >&2 || true
        ci_docker_down
        echo "no Docker engine: the testcontainers tests will be skipped with the reason"
        return 0
      fi
      sleep 1
      waited=$((waited + 1))
    done
    echo "dockerd (pid $CI_DOCKERD_PID) answered after ${waited} s"
  else
    echo "no Docker engine answers and none can be started here (needs root and dockerd):" \
      "the testcontainers tests will be skipped with the reason"
    return 0
  fi
  local image
  if image=$("$root/scripts/build-temporal-image" --print-tag); then
    export TEMPORAL_IMAGE="$image"
    export TESTCONTAINERS_RYUK_DISABLED=true
    echo "TEMPORAL_IMAGE=$TEMPORAL_IMAGE TESTCONTAINERS_RYUK_DISABLED=true"
  else
    echo "the local Temporal image could not be built: the testcontainers tests will try the pinned official image" >&2
  fi
}

ci_docker_down() {
  [ -n "$CI_DOCKERD_PID" ] || return 0
  local pid=$CI_DOCKERD_PID
  CI_DOCKERD_PID=""
  kill -TERM "$pid" 2>/dev/null || return 0
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "dockerd (pid $pid) still alive after 30 s; sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  echo "dockerd (pid $pid) stopped"
}
