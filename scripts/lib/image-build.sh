# Sourced by scripts/build-temporal-image and scripts/build-harness-image: what building an image on a
# Docker engine without a registry needs. Every function that finds a prerequisite missing exits 2 with one
# line on stderr naming it (prefixed by $image_name, which the caller sets).
#
#   image_require_engine          the docker command is on PATH and an engine answers within 15 s
#   image_static FILE             true when FILE is a static executable (it runs in a FROM scratch image)
#   image_find_busybox            sets image_busybox: a static busybox ($BUSYBOX, /bin/busybox, /usr/bin/busybox)
#   image_recipe FILE...          prints a 16-hex-digit hash of the files' contents and names
#   image_built_from TAG RECIPE   true when TAG exists and was built from RECIPE (its dev.loadharness.recipe label)

image_name=${image_name:-image}
image_say() { echo "$image_name: $*" >&2; }

image_require_engine() {
  command -v docker >/dev/null 2>&1 || { image_say "the docker command is not on PATH (install docker.io)"; exit 2; }
  if ! timeout 15 docker info >/dev/null 2>&1; then
    image_say "no Docker engine answered 'docker info' within 15 s (start dockerd, or set DOCKER_HOST)"
    exit 2
  fi
}

image_static() { { LC_ALL=C ldd "$1" 2>&1 || true; } | grep -q 'not a dynamic executable'; }

image_find_busybox() {
  image_busybox=${BUSYBOX:-}
  if [ -z "$image_busybox" ]; then
    local candidate
    for candidate in /bin/busybox /usr/bin/busybox; do
      if [ -x "$candidate" ] && image_static "$candidate"; then image_busybox=$candidate; break; fi
    done
  fi
  if [ -z "$image_busybox" ] || [ ! -x "$image_busybox" ] || ! image_static "$image_busybox"; then
    image_say "no static busybox found${image_busybox:+ (BUSYBOX='$image_busybox' is not a static executable)}; install Debian's busybox-static (apt-get install busybox-static) or set BUSYBOX"
    exit 2
  fi
}

image_recipe() { sha256sum "$@" | sha256sum | cut -c1-16; }

image_built_from() {
  local existing
  existing=$(docker image inspect --format '{{ index .Config.Labels "dev.loadharness.recipe" }}' "$1" 2>/dev/null || true)
  [ -n "$2" ] && [ "$existing" = "$2" ]
}
