# Finds a JDK 21 or newer for building and running Fleetgate. The machine's default java may be
# older (17), so JAVA_HOME, then the JDKs under /usr/lib/jvm, are searched, newest first.
# Prints the JDK home on stdout; exits with a message naming the remedy when none is found.
find_jdk() {
  local candidates=() home version
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/javac" ] || continue
    version=$(jdk_feature_version "$home")
    if [ -n "$version" ] && [ "$version" -ge 21 ] 2>/dev/null; then
      echo "$home"
      return 0
    fi
  done
  echo "No JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "Install one, e.g. 'apt-get install temurin-25-jdk' or 'openjdk-21-jdk', or set JAVA_HOME." >&2
  return 1
}

# The feature version (21, 25, …) of the JDK at $1: from its 'release' file, which every JDK since 9
# has, so that no JVM is started just to ask; from the JVM itself when the file says nothing.
jdk_feature_version() {
  local home=$1 version=""
  [ -f "$home/release" ] && version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 |
      sed -n 's/^ *java.specification.version = //p')
    version=${version%%.*}
  fi
  echo "$version"
}
