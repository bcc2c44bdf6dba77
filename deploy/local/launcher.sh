# Shared by deploy/local/run and deploy/local/token (sourced, not run).
# Builds what is missing and computes the launcher's classpath.

LOCAL_VERSION="0.1.0-SNAPSHOT"
LOCAL_JAR="deploy/local/target/local-runtime-${LOCAL_VERSION}.jar"
LOCAL_CP_FILE="deploy/local/target/classpath.txt"   # written by the module's package phase
ALL_SERVICES=(contacts-service referrals-service outreach-service reports-service)

java_cmd() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    echo "${JAVA_HOME}/bin/java"
  else
    echo java
  fi
}

# True (0) when the launcher jar, its classpath file and every entry of it exist.
launcher_present() {
  [[ -f "$LOCAL_JAR" && -s "$LOCAL_CP_FILE" ]] || return 1
  local entry
  local IFS=':'
  for entry in $(cat "$LOCAL_CP_FILE"); do
    [[ -e "$entry" ]] || return 1
  done
  return 0
}

service_jar() {
  echo "$1/target/$1-${LOCAL_VERSION}.jar"
}

# ensure_built REBUILD MODULE... : builds deploy/local and the given modules (services, console;
# with what they need) when one of their jars is missing, or always when REBUILD is true.
ensure_built() {
  local rebuild="$1"; shift
  local missing=false s
  launcher_present || missing=true
  for s in "$@"; do
    [[ -f "$(service_jar "$s")" ]] || missing=true
  done
  if [[ "$rebuild" == true || "$missing" == true ]]; then
    local modules="deploy/local"
    for s in "$@"; do modules="${modules},${s}"; done
    echo "[local-runtime] building ${modules} (./mvnw -q -B -DskipTests package -pl ${modules} -am) ..." >&2
    ./mvnw -q -B -DskipTests package -pl "$modules" -am >&2
    launcher_present || { echo "error: the build did not produce $LOCAL_JAR and $LOCAL_CP_FILE" >&2; exit 1; }
  else
    # Only missing jars trigger a build; say so when sources changed since the last one.
    local newer
    newer="$(find platform/src/main deploy/local/src/main "$@" -newer "$LOCAL_JAR" -type f \
              \( -path '*/src/main/*' -o -name pom.xml \) -print -quit 2>/dev/null || true)"
    if [[ -n "$newer" ]]; then
      echo "[local-runtime] note: sources changed since the last build (e.g. ${newer}); use --rebuild to pick them up" >&2
    fi
  fi
}

DEV_SERVERS_DIR="deploy/local/target/dev-servers"   # written by dependency:copy@dev-servers

# ensure_dev_servers REBUILD : fetches Keycloak's distribution and GreenMail from Maven Central
# (through Maven, into $DEV_SERVERS_DIR) when one of them is missing, or always when REBUILD is true.
ensure_dev_servers() {
  local rebuild="$1"
  if [[ "$rebuild" == true ]] || ! compgen -G "${DEV_SERVERS_DIR}/keycloak-quarkus-dist-*.zip" > /dev/null \
      || ! compgen -G "${DEV_SERVERS_DIR}/greenmail-standalone-*.jar" > /dev/null; then
    echo "[local-runtime] fetching Keycloak and GreenMail (./mvnw -q -B -pl deploy/local dependency:copy@dev-servers; 190 MB the first time) ..." >&2
    ./mvnw -q -B -pl deploy/local dependency:copy@dev-servers >&2
  fi
}

launcher_classpath() {
  echo "${LOCAL_JAR}:$(cat "$LOCAL_CP_FILE")"
}
