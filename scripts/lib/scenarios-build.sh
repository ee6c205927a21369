# Sourced by scripts/replay and scripts/record-histories: builds runtime-under-test, reports and scenarios
# when a source or POM of them changed since the last build, so an unchanged checkout costs one find.
#   scenarios_build_if_changed NAME     (NAME prefixes the messages)
# Sets scenarios_jar and scenarios_classpath (the jar and its runtime dependencies, ':'-separated).
# After a build the replay class-data archives (scenarios/target/replay) are removed.

scenarios_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scenarios_jar=$scenarios_root/scenarios/target/scenarios-0.1.0-SNAPSHOT.jar
# Written by the scenarios module's package phase (maven-dependency-plugin, runtime scope).
scenarios_classpath_file=$scenarios_root/scenarios/target/classpath.txt
# Touched after each successful build.
scenarios_stamp=$scenarios_root/scenarios/target/replay-build.stamp

scenarios_changed() {
  [[ ! -f $scenarios_jar || ! -s $scenarios_classpath_file || ! -f $scenarios_stamp ]] && return 0
  local r=$scenarios_root
  # A Maven run of scenarios alone (-pl scenarios, no -am) writes a class path of the sibling modules'
  # jars in ~/.m2, which may be another checkout's: only this checkout's own jars are accepted.
  [[ $(<"$scenarios_classpath_file") != *"$r/runtime-under-test/target/"* ]] && return 0
  # The class path file counts too: newer than the stamp means a build other than ours wrote it.
  [[ -n $(find "$r/pom.xml" "$r"/{runtime-under-test,reports,scenarios}/pom.xml "$scenarios_classpath_file" \
    "$r"/{runtime-under-test,reports,scenarios}/src/main -newer "$scenarios_stamp" -print -quit 2>/dev/null) ]]
}

scenarios_build_if_changed() {
  local name=$1
  local log=$scenarios_root/scenarios/target/replay-build.log
  if scenarios_changed; then
    mkdir -p "$scenarios_root/scenarios/target"
    echo "$name: building runtime-under-test, reports and scenarios (mvn package -DskipTests; log: ${log#"$scenarios_root"/}) ..." >&2
    # package, not install, with -am: the reactor builds the sibling modules, ~/.m2 is neither read for
    # them nor written. Offline first; a fresh machine has no Maven plugins yet, so then once online.
    if ! (cd "$scenarios_root" && mvn -B -q -o package -DskipTests -pl scenarios -am) >"$log" 2>&1; then
      echo "$name: offline build failed; retrying online (a fresh machine fetches Maven plugins once) ..." >&2
      if ! (cd "$scenarios_root" && mvn -B -q package -DskipTests -pl scenarios -am) >"$log" 2>&1; then
        tail -30 "$log" >&2
        echo "$name: build failed (see $log)" >&2
        exit 2
      fi
    fi
    touch "$scenarios_stamp"
    rm -rf "$scenarios_root/scenarios/target/replay"
  fi
  scenarios_classpath="$scenarios_jar:$(cat "$scenarios_classpath_file")"
}
