# Sourced by .ci/run and the local-stack launcher: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is >= 21; otherwise the newest JDK found in the usual install places;
# otherwise the `java` on the PATH if it is >= 21. Fails with a clear message if none qualifies.

tessera_java_major() {
  # Prints the feature version of the java binary given as $1 (17, 21, 25, ...), or nothing.
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

tessera_find_java_home() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    major=$(tessera_java_major "$JAVA_HOME/bin/java")
    if [ "${major:-0}" -ge 21 ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(tessera_java_major "$candidate/bin/java")
    if [ "${major:-0}" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"
      best_major="$major"
    fi
  done
  if [ -n "$best" ]; then
    echo "$best"
    return 0
  fi
  if command -v java >/dev/null 2>&1; then
    major=$(tessera_java_major "$(command -v java)")
    if [ "${major:-0}" -ge 21 ]; then
      dirname "$(dirname "$(readlink -f "$(command -v java)")")"
      return 0
    fi
  fi
  return 1
}

if ! TESSERA_JAVA_HOME=$(tessera_find_java_home); then
  echo "Tessera needs a JDK 21 or newer. None was found: set JAVA_HOME to one (the default java here is $(java -version 2>&1 | head -1))." >&2
  return 1 2>/dev/null || exit 1
fi
export JAVA_HOME="$TESSERA_JAVA_HOME"
export PATH="$JAVA_HOME/bin:$PATH"
