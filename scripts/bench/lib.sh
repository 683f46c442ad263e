# Shared by scripts/bench-*: sourced, not run. Bash.
# Conventions: progress and raw output go to stderr; each script prints its figures on stdout as markdown table
# rows of the form  | figure | runs | min | median | max | goal |  which scripts/bench-all collects.

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench_service_jar="$bench_root/service/target/torchplan-service-exec.jar"
bench_benchmarks_jar="$bench_root/benchmarks/target/benchmarks.jar"
bench_client_jar="$bench_root/client/target/torchplan-client.jar"
# the machine every benchmark plans for (the JMH benchmarks use the same one)
bench_driver="570.86.10"

bench_log() {
    printf '%s\n' "$*" >&2
}

bench_die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

# Installs Debian packages (as root, or with sudo).
bench_apt_install() {
    command -v apt-get >/dev/null 2>&1 || bench_die "missing $*, and no apt-get to install them"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    bench_log "installing $* (apt-get)"
    $sudo apt-get install -y "$@" >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y "$@" >&2; } \
        || bench_die "cannot install $*"
}

# Installs missing commands from Debian packages (command name = package name for the ones used here).
bench_require_commands() {
    local missing=()
    local command
    for command in "$@"; do
        command -v "$command" >/dev/null 2>&1 || missing+=("$command")
    done
    [[ ${#missing[@]} -eq 0 ]] || bench_apt_install "${missing[@]}"
}

# Builds the service, client and benchmark jars when one is missing (BENCH_REBUILD=1 forces it). Tests are not run:
# ./mvnw -B verify is the test run; these are measurements of the same code.
bench_build() {
    if [[ "${BENCH_REBUILD:-0}" == 1 || ! -f "$bench_service_jar" || ! -f "$bench_benchmarks_jar" || ! -f "$bench_client_jar" ]]; then
        bench_log "building the jars: ./mvnw -B -q -DskipTests package"
        (cd "$bench_root" && ./mvnw -B -q -DskipTests package) >&2 || bench_die "build failed"
    fi
}

bench_free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Milliseconds since the epoch (GNU date).
bench_now_ms() {
    date +%s%3N
}

# Reads numbers, one a line; prints "min median max" with the given printf format (default %.3f).
bench_stats() {
    local format="${1:-%.3f}"
    sort -g | awk -v format="$format" '
        { value[NR] = $1 }
        END {
            if (NR == 0) { print "- - -"; exit }
            median = (NR % 2) ? value[(NR + 1) / 2] : (value[NR / 2] + value[NR / 2 + 1]) / 2
            printf format " " format " " format "\n", value[1], median, value[NR]
        }'
}

# One markdown row: bench_row FIGURE RUNS "MIN MEDIAN MAX" GOAL
bench_row() {
    local figure="$1" runs="$2" stats="$3" goal="$4"
    local min median max
    read -r min median max <<<"$stats"
    printf '| %s | %s | %s | %s | %s | %s |\n' "$figure" "$runs" "$min" "$median" "$max" "$goal"
}

# The command that starts the service, by BENCH_START_MODE: jar (default: java -jar of the fat jar), cds (the
# extracted jar with an AppCDS archive) or aot (the same with a JDK 25 AOT cache); the archives are made by
# scripts/start-archive the first time. BENCH_SERVICE_JAVA_OPTS are added either way.
bench_service_command() {
    local mode="${BENCH_START_MODE:-jar}"
    local line
    case "$mode" in
        jar) line="java -jar $bench_service_jar" ;;
        cds|aot)
            local archive="$bench_root/service/target/start/torchplan.jsa"
            [[ "$mode" == aot ]] && archive="$bench_root/service/target/start/torchplan.aot"
            if [[ ! -s "$archive" || "$bench_service_jar" -nt "$archive" ]]; then
                "$bench_root/scripts/start-archive" "$mode" >/dev/null
            fi
            line="$("$bench_root/scripts/start-archive" --print "$mode")" ;;
        *) bench_die "BENCH_START_MODE=$mode: jar, cds or aot" ;;
    esac
    # shellcheck disable=SC2206 # words
    bench_service_java=($line)
    # the JVM options go after the java command
    # shellcheck disable=SC2206
    bench_service_java=("${bench_service_java[0]}" ${BENCH_SERVICE_JAVA_OPTS:-} "${bench_service_java[@]:1}")
}

# The current machine load, for each figure: the machine may be shared.
bench_load() {
    cut -d' ' -f1-3 /proc/loadavg
}

# Starts the service on a free loopback port with the embedded catalog and no upstream access
# (torchplan.catalog.offline=true: reproducible, no network); extra Spring arguments are passed on. The plan memo is
# off unless BENCH_PLAN_CACHE=true: the load tools repeat one request, which the memo would answer every time
# after the first, so without it every request is planned (the figures before the memo existed measured that).
# Sets bench_service_pid, bench_service_url, bench_service_ready_ms (start to readiness UP, measured from just
# before the JVM is started). Logs go to $bench_work/service.log.
bench_start_service() {
    local port
    port="$(bench_free_port)"
    bench_service_url="http://127.0.0.1:$port"
    mkdir -p "$bench_work/service-data"
    local started
    started="$(bench_now_ms)"
    bench_service_command
    "${bench_service_java[@]}" \
        --server.port="$port" --server.address=127.0.0.1 \
        --torchplan.catalog.offline=true --torchplan.catalog.data-dir="$bench_work/service-data" \
        --torchplan.plan.cache.enabled="${BENCH_PLAN_CACHE:-false}" \
        "$@" >"$bench_work/service.log" 2>&1 &
    bench_service_pid=$!
    local deadline=$((started + 180000))
    until curl -fsS -o /dev/null "$bench_service_url/actuator/health/readiness" 2>/dev/null; do
        if ! kill -0 "$bench_service_pid" 2>/dev/null; then
            tail -30 "$bench_work/service.log" >&2
            bench_die "the service exited before it was ready"
        fi
        (( $(bench_now_ms) > deadline )) && bench_die "the service was not ready within 180 s"
        sleep 0.05
    done
    bench_service_ready_ms=$(( $(bench_now_ms) - started ))
}

bench_stop_service() {
    if [[ -n "${bench_service_pid:-}" ]] && kill -0 "$bench_service_pid" 2>/dev/null; then
        kill "$bench_service_pid" 2>/dev/null
        wait "$bench_service_pid" 2>/dev/null || true
    fi
    bench_service_pid=""
}

# kB of a /proc/<pid>/status field (VmRSS: resident now; VmHWM: peak resident)
bench_proc_kb() {
    awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/status"
}

# The POST /plan body for the benchmark machine and the given requirements (words).
bench_plan_body() {
    local quoted=() name
    for name in $1; do
        quoted+=("\"$name\"")
    done
    local joined
    joined="$(IFS=,; printf '%s' "${quoted[*]}")"
    printf '{"requirements":[%s],"python":"cp312","platform":{"os":"linux","arch":"x86_64","glibc":"2.35"},"gpu":{"vendor":"nvidia","driverVersion":"%s"}}' \
        "$joined" "$bench_driver"
}

# A private work directory, removed (with the service) on exit.
bench_setup_work() {
    bench_work="$(mktemp -d "${TMPDIR:-/tmp}/torchplan-bench.XXXXXX")"
    trap 'bench_stop_service; rm -rf "$bench_work"' EXIT
}
