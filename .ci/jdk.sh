# Sourced by .ci/run and the README's commands: exports JAVA_HOME for a JDK >= 21.
# Keeps JAVA_HOME (or the java on PATH) when it is already new enough.
tributary_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}
tributary_pick_jdk() {
  local current="${JAVA_HOME:+$JAVA_HOME/bin/java}"
  current="${current:-$(command -v java || true)}"
  if [ -n "$current" ] && [ "$(tributary_java_major "$current")" -ge 21 ] 2>/dev/null; then
    [ -n "${JAVA_HOME:-}" ] || export JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$current")")")"
    return 0
  fi
  local best="" best_major=0 candidate major
  for candidate in /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    major="$(tributary_java_major "$candidate")"
    if [ "${major:-0}" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
      best="$candidate" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "Tributary needs a JDK 21 or newer; none found on PATH, in JAVA_HOME or under /usr/lib/jvm." >&2
    return 1
  fi
  export JAVA_HOME="$(dirname "$(dirname "$best")")"
  echo "Using JDK $best_major at $JAVA_HOME" >&2
}
tributary_pick_jdk
