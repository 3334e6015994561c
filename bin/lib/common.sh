# Shared helpers for the bin/ launchers. Source it; do not run it.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
#   ensure_built proxy/target/shardline-proxy.jar
#   run_java proxy/target/shardline-proxy.jar io.shardline.proxy.sandbox.SandboxCli "$@"
#
# Sets SHARDLINE_ROOT to the repository root, found from this file's own location so the launchers work from
# any current directory and through symlinks.

_common_dir="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
SHARDLINE_ROOT="$(cd "$_common_dir/../.." && pwd)"
unset _common_dir

die() {
    echo "$(basename "$0"): $*" >&2
    exit 1
}

require_command() {
    command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH; $2"
}

# ensure_toolchain: Java 17+ and Maven, installed from the distribution's packages when missing and we may (root on
# Debian/Ubuntu); otherwise a clear message says what to install.
ensure_toolchain() {
    local missing=()
    command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
    command -v mvn >/dev/null 2>&1 || missing+=(maven)
    ((${#missing[@]} == 0)) && return 0
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "$(basename "$0"): installing ${missing[*]} with apt-get…" >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
            && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2 \
            || die "apt-get could not install ${missing[*]}; install Java 17+ and Maven 3.8+ yourself"
    else
        die "missing ${missing[*]}: install Java 17+ and Maven 3.8+ (or run as root on Debian/Ubuntu to let me do it)"
    fi
}

# ensure_built JAR: builds the project with Maven if JAR (relative to the repository root) does not exist.
# Only a missing jar triggers a build, so a launcher never spends a minute in Maven by surprise; a jar older
# than the sources gets a warning instead. Extra Maven flags (e.g. -o) can come from SHARDLINE_MVN_FLAGS.
ensure_built() {
    local jar="$SHARDLINE_ROOT/$1"
    ensure_toolchain
    if [[ ! -f "$jar" ]]; then
        require_command mvn "install Maven 3.8+ to build Shardline"
        echo "$(basename "$0"): $1 is missing; building it (mvn -q -DskipTests package)…" >&2
        # Maven's output goes to stderr so that the launcher's stdout carries only the tool's own output.
        # shellcheck disable=SC2086  # SHARDLINE_MVN_FLAGS is a list of flags on purpose
        (cd "$SHARDLINE_ROOT" && mvn -B -q -DskipTests ${SHARDLINE_MVN_FLAGS:-} package) >&2 \
            || die "the build failed; fix it and run again"
        [[ -f "$jar" ]] || die "the build succeeded but $1 is still missing"
    elif [[ -n "$(find "$SHARDLINE_ROOT"/*/src -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
        echo "$(basename "$0"): warning: $1 is older than the sources; run 'mvn -q -DskipTests package' to rebuild" >&2
    fi
}

# run_java JAR MAIN_CLASS ARGS...: replaces the shell with the JVM, so signals and the exit code pass through.
run_java() {
    local jar="$SHARDLINE_ROOT/$1" main="$2"
    shift 2
    require_command java "install a Java 17+ runtime"
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags on purpose
    exec java ${JAVA_OPTS:-} -cp "$jar" "$main" "$@"
}
