# Finds a JDK 21 or newer for building and running Fleetgate. The machine's default java may be
# older (17), so JAVA_HOME, then the JDKs under /usr/lib/jvm, are searched, newest first.
# Prints the JDK home on stdout; exits with a message naming the remedy when none is found.
find_jdk() {
  local candidates=() home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = //p')
    if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  echo "No JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "Install one, e.g. 'apt-get install temurin-25-jdk' or 'openjdk-21-jdk', or set JAVA_HOME." >&2
  return 1
}
