#!/usr/bin/env bash
#
# sitrep-capture.sh: capture a troubled Linux server's state into one bundle
# (USE-method command set, raw /proc samples, logs) for `sitrep analyze`.
#
# Copy this one file onto the server and run it; root gives the fullest
# picture, any user works. It collects and never parses: every artifact is the
# raw output of one command or one file, accounted for in manifest.tsv.
# Contract: docs/bundle-format.md. Usage and design: docs/capture.md.
#
# Needs bash >= 4.1, coreutils, procps, util-linux. Uses sysstat, iproute2
# or net-tools, journalctl, timeout, nice and ionice when present.

if [ -z "${BASH_VERSION:-}" ]; then
  echo "sitrep-capture: run me with bash (bash sitrep-capture.sh ...)" >&2
  exit 2
fi
if (( BASH_VERSINFO[0] < 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] < 1) )); then
  echo "sitrep-capture: needs bash >= 4.1, this is $BASH_VERSION" >&2
  exit 2
fi

set -u
umask 077

readonly SITREP_VERSION='0.1.0'
readonly FORMAT_VERSION=1
readonly INTERVAL_S=1
readonly SS_EVERY_S=2
readonly SS_COST_X=40         # ss -tanp waits 40x its run time between samples
readonly CMD_TIMEOUT=5        # one-shot and snapshot commands
readonly LONG_TIMEOUT=15      # dmesg, sadf, journalctl, log copies, find
# Past window + SOFT_MARGIN_S, remaining commands are skipped (the bundle is
# still written); past window + HARD_MARGIN_S the capture is killed. The
# SITREP_*_MARGIN_S environment variables exist for tests.
SOFT_MARGIN_S=45
HARD_MARGIN_S=60
STAGGER_S=${SITREP_STAGGER_S:-0.12}
readonly RESERVE_BYTES=$((48 * 1024))  # meta, capture.log, tar headers and trailer
readonly MIN_MAX_BYTES=$((128 * 1024))
readonly MAX_LOG_FILES=400
readonly MAX_OPEN_LOGS=50
readonly CAPLOG_MAX=16384
readonly REFUSED_RC=65        # a child refused its input (log_copy_main)

SYSCTL_KEYS='net.ipv4.ip_local_port_range net.core.somaxconn
net.ipv4.tcp_max_syn_backlog net.ipv4.tcp_fin_timeout net.ipv4.tcp_tw_reuse
fs.file-max fs.nr_open kernel.threads-max kernel.pid_max
net.netfilter.nf_conntrack_max net.netfilter.nf_conntrack_count vm.swappiness
vm.overcommit_memory'
readonly SYSCTL_KEYS

export LC_ALL=C
export S_TIME_FORMAT=ISO
# Tools such as ip and sysctl live in sbin, often missing from a user's PATH.
export PATH="${PATH:-/usr/bin:/bin}:/usr/sbin:/sbin"

# Options.
WINDOW=30
OUT_DIR=.
TIER=''
SINCE_ARG=''
MAX_BYTES_ARG=100M
DISCOVER=1
QUIET=0
TO_STDOUT=0
OUT_SET=0
LOG_GLOBS=()
ARGV_QUOTED=''

# State.
WORK=''          # mktemp dir inside OUT_DIR; removed on exit
STATE=''         # $WORK/state: bad-resource marks, scratch
BUNDLE=''        # $WORK/<top>: the bundle tree
TOP=''
MANIFEST=''
META=''
CAPLOG=''
CAPLOG_BYTES=0
MAX_BYTES=0
USED=0
DEADLINE=0
SOFT_AT=0
WATCHDOG=''
SINCE=0
SINCE_TEXT=''
START=''
HB=''            # human_bytes result
RT=''            # reason_text result
HD=''            # human_dur result
NOW=''
NOW_US=0
RC=0
MY_UID=$EUID
PREFIX=()
HAVE_TIMEOUT=0
HAVE_SETSID=0
MISSING=()
ART_SOURCE=''
ART_MTIME='-'
ART_SCRUBBED=0   # the artifact went through scrub.sed: count its *** in the row
FINAL=''
FINALIZING=0
STATE_POOL=0
PHASE_LEFT=0
PHASE=''

usage() {
  cat <<EOF
Usage: sitrep-capture.sh [options]

Capture this server's state for sitrep: a sampling window of vmstat, mpstat,
pidstat, iostat, sar and raw /proc snapshots, state at start and end, and the
logs of a time window, into <host>-<UTC stamp>.tar.gz. The bundle's path is the
last line on stdout (with --stdout, the bundle itself); messages go to stderr.

Options:
  -d SECONDS       sampling window, 1..3600 (default 30; interval 1 s)
  -o DIR           where the bundle is written (default: current directory);
                   temporary files live in DIR/.sitrep.XXXXXX and are removed
  --stdout         write the bundle to standard output (messages stay on
                   stderr); temporary files go to -o DIR, default \$TMPDIR
                   or /tmp. For ssh: ... 'sudo bash -s -- --stdout' > b.tar.gz
  -t TIER          label this host's role (web, app, db, ...)
  -l GLOB          also collect these log files (repeatable; quote the glob);
                   rotated forms (FILE.1, FILE.2.gz, FILE-YYYYMMDD) come along
  --since WHEN     start of the log window (default: 24 h before the capture):
                   @EPOCH, N s|m|h|d ago (e.g. "6h", "2 d"), or any date string
                   GNU date understands ("2024-05-01 13:00", "yesterday 18:00")
  --max-bytes N    byte budget for the bundle (default 100M; suffixes K M G T)
  --no-discover    collect only the -l logs: no syslog, journal, or standard
                   and open application logs (commands and /proc still run)
  -q               quiet: only errors on stderr (capture.log keeps the rest)
  -h, --help       this help
  --version        print the version

Examples:
  sudo bash sitrep-capture.sh                       # 30 s window, last 24 h of logs
  sudo bash sitrep-capture.sh -d 60 -t db -o /var/tmp
  bash sitrep-capture.sh -t web -l '/srv/app/log/*.log' --since 6h
  bash sitrep-capture.sh --no-discover -l /var/log/nginx/error.log -t web
  ssh web1 'sudo bash -s -- -t web --stdout' <sitrep-capture.sh >web1.tar.gz

Exit codes: 0 bundle written; 1 runtime failure; 2 usage error;
3 refused (not enough free space); 4 interrupted (no bundle).
EOF
}

# ---------------------------------------------------------------- utilities

say() {
  local line
  printf -v line '[%3ds] %s' "$SECONDS" "$*"
  if (( ! QUIET )); then
    printf 'sitrep-capture: %s\n' "$*" >&2
  fi
  if [[ -n $CAPLOG ]] && (( CAPLOG_BYTES + ${#line} < CAPLOG_MAX )); then
    printf '%s\n' "$line" >>"$CAPLOG"
    CAPLOG_BYTES=$(( CAPLOG_BYTES + ${#line} + 1 ))
  fi
}

# Sets HB to N bytes in binary units (512 B, 4.5 KiB, 96 MiB).
human_bytes() {
  local n=$1 d=1 u=0 units=(B KiB MiB GiB TiB)
  while (( u < 4 && n >= d * 1024 )); do
    d=$(( d * 1024 ))
    u=$(( u + 1 ))
  done
  if (( u == 0 )); then
    HB="$n B"
  elif (( n < 10 * d )); then
    HB="$(( n / d )).$(( n * 10 / d % 10 )) ${units[u]}"
  else
    HB="$(( n / d )) ${units[u]}"
  fi
}

# Sets HD to S seconds in the largest units (45 s, 6 min, 2 h 30 min, 1 d).
human_dur() {
  local s=$1
  if (( s >= 86400 )); then
    HD="$(( s / 86400 )) d"
    (( s % 86400 >= 3600 )) && HD+=" $(( s % 86400 / 3600 )) h"
  elif (( s >= 3600 )); then
    HD="$(( s / 3600 )) h"
    (( s % 3600 >= 60 )) && HD+=" $(( s % 3600 / 60 )) min"
  elif (( s >= 60 )); then
    HD="$(( s / 60 )) min"
  else
    HD="$s s"
  fi
}

usage_error() {
  printf 'sitrep-capture: %s\nTry: sitrep-capture.sh -h\n' "$*" >&2
  exit 2
}

die() {
  QUIET=0
  say "error: $*"
  exit 1
}

have() {
  command -v "$1" >/dev/null 2>&1
}

# Sets NOW (epoch seconds with microseconds) and NOW_US (integer microseconds).
now() {
  local t
  if [[ -n ${EPOCHREALTIME:-} ]]; then
    t=$EPOCHREALTIME
  else
    t=$(date +%s.%N)
    t=${t:0:${#t}-3}
  fi
  NOW=$t
  NOW_US=$(( ${t%.*} * 1000000 + 10#${t#*.} ))
}

sleep_until() {
  local target=$1 d frac
  now
  d=$(( target - NOW_US ))
  if (( d > 0 )); then
    printf -v frac '%06d' $(( d % 1000000 ))
    # In the background and waited for: a sampler's TERM trap runs at once.
    sleep "$(( d / 1000000 )).$frac" &
    wait "$!"
  fi
}

charge() {
  local bytes=$1 rel=$2
  USED=$(( USED + 512 + (bytes + 511) / 512 * 512 ))
  if (( ${#rel} > 90 )); then
    USED=$(( USED + 1024 ))
  fi
}

remaining() {
  # 2 KiB of slack for the member's own tar header and padding.
  local r=$(( MAX_BYTES - RESERVE_BYTES - USED - 2048 ))
  (( r < 0 )) && r=0
  printf '%s' "$r"
}

res_file() {
  local r=${1//\//_}
  printf '%s/bad.%s' "$STATE" "${r// /_}"
}

mark_bad() {
  : >"$(res_file "$1")"
}

is_bad() {
  [[ -e $(res_file "$1") ]]
}

past_deadline() {
  (( DEADLINE || SECONDS >= SOFT_AT )) || [[ -e $STATE/deadline ]]
}

# Runs a command under timeout, nice and ionice. Callers redirect stdin.
run_limited() {
  local secs=$1 pid w rc t0
  shift
  if (( HAVE_TIMEOUT )); then
    # In the background and waited for, so that traps run while it runs.
    timeout -k 2 "$secs" ${PREFIX[@]+"${PREFIX[@]}"} "$@" &
    wait_child "$!"
    return "$RC"
  fi
  # Fallback without coreutils timeout: the command in its own process group
  # (setsid), and a killer subshell that signals the whole group.
  t0=$SECONDS
  if (( HAVE_SETSID )); then
    setsid ${PREFIX[@]+"${PREFIX[@]}"} "$@" &
  else
    ${PREFIX[@]+"${PREFIX[@]}"} "$@" &
  fi
  pid=$!
  (
    # Stopped early (the command ended), the killer takes its sleep along.
    # shellcheck disable=SC2046  # the pids of this subshell's jobs
    trap 'kill $(jobs -p) 2>/dev/null; exit 0' TERM
    sleep "$secs" &
    wait "$!"
    kill -TERM -- "-$pid" "$pid"
    sleep 2 &
    wait "$!"
    kill -KILL -- "-$pid" "$pid"
  ) </dev/null >/dev/null 2>&1 &
  w=$!
  wait_child "$pid"
  rc=$RC
  kill "$w" 2>/dev/null
  wait "$w" 2>/dev/null
  if (( rc > 128 && SECONDS - t0 >= secs )); then
    rc=124
  fi
  return "$rc"
}

# Waits for one child; a trap interrupting wait does not lose its status.
wait_child() {
  local pid=$1
  wait "$pid"
  RC=$?
  # > 128: wait was interrupted by a trapped signal; the child may still run.
  while (( RC > 128 )) && kill -0 "$pid" 2>/dev/null; do
    wait "$pid"
    RC=$?
  done
}

descendants() {
  local c
  for c in $(pgrep -P "$1" 2>/dev/null); do
    if [[ $c != "${2:-}" ]]; then
      printf '%s\n' "$c"
      descendants "$c" "${2:-}"
    fi
  done
}

# Stops every process this script started (except $1, the watchdog, if given).
kill_children() {
  local pids p alive=()
  pids=$(descendants "$$" "${1:-}")
  [[ -z $pids ]] && return 0
  # shellcheck disable=SC2086  # word splitting of the pid list is intended
  kill -TERM $pids 2>/dev/null
  sleep 0.2
  for p in $pids; do
    kill -0 "$p" 2>/dev/null && alive+=("$p")
  done
  if (( ${#alive[@]} )); then
    kill -KILL "${alive[@]}" 2>/dev/null
  fi
  return 0
}

# ---------------------------------------------------------------- manifest

manifest_row() {
  local f line='' sep=''
  for f in "$@"; do
    f=${f//$'\t'/ }
    f=${f//$'\n'/ }
    [[ -z $f ]] && f='-'
    line+="$sep$f"
    sep=$'\t'
  done
  printf '%s\n' "$line" >>"$MANIFEST"
  USED=$(( USED + ${#line} + 1 ))
}

# skip_row KIND NAME SOURCE REASON
skip_row() {
  now
  manifest_row - "$1" "$2" "$3" skipped - "$NOW" "$NOW" 0 0 "$ART_MTIME" "$4"
}

is_partial_for_user() {
  case $1 in
    ss-tanp | ss-tanpi | netstat-antp | fd-counts | pidstat | journal) return 0 ;;
  esac
  return 1
}

# run_artifact KIND NAME RELPATH RESOURCE TIMEOUT CAP -- COMMAND [ARGS...]
# Runs one command into RELPATH (stdout, at most CAP bytes) and RELPATH's .err
# (stderr), appends its manifest row, and marks RESOURCE bad when it hangs.
# ART_SOURCE and ART_MTIME, when set, override the manifest source and mtime.
run_artifact() {
  local kind=$1 name=$2 rel=$3 res=$4 secs=$5 cap=$6
  shift 7
  local src=${ART_SOURCE:-$*} mtime=$ART_MTIME scrubbed=$ART_SCRUBBED
  ART_SOURCE=''
  ART_MTIME='-'
  ART_SCRUBBED=0
  local out=$BUNDLE/$rel errrel=${rel%.txt}.err
  local err=$BUNDLE/$errrel
  [[ $errrel == "$rel" ]] && { errrel=$rel.err; err=$BUNDLE/$errrel; }

  local why=''
  if ! have "$1"; then
    why=not-installed
  elif is_bad "$res"; then
    why=bad-resource
  elif past_deadline; then
    why=deadline
  elif (( cap < 64 )); then
    why=over-budget
  fi
  if [[ -n $why ]]; then
    ART_MTIME=$mtime
    skip_row "$kind" "$name" "$src" "$why"
    ART_MTIME='-'
    return 0
  fi

  local t0 t0us pid
  now
  t0=$NOW
  t0us=$NOW_US
  (
    run_limited "$secs" "$@" </dev/null 2>"$err" | head -c "$cap" >"$out"
    exit "${PIPESTATUS[0]}"
  ) &
  pid=$!
  wait_child "$pid"
  local rc=$RC
  now
  local dur=$(( (NOW_US - t0us) / 1000 ))

  local sizes bytes ebytes
  sizes=$(stat -c %s -- "$out" "$err" 2>/dev/null)
  bytes=${sizes%%$'\n'*}
  ebytes=${sizes#*$'\n'}
  [[ $bytes =~ ^[0-9]+$ ]] || bytes=0
  [[ $ebytes =~ ^[0-9]+$ ]] || ebytes=0

  local status=ok reason='' path=$rel refused=''
  # A child that checked its input and refused it (log_copy_main) says why on
  # stderr; its row is a skip and it leaves no bytes behind.
  if (( rc == REFUSED_RC && ebytes > 0 )) && IFS= read -r refused <"$err" \
    && [[ $refused == 'sitrep-refused: '* ]]; then
    rm -f -- "$out" "$err"
    ART_MTIME=$mtime
    skip_row "$kind" "$name" "$src" "${refused#sitrep-refused: }"
    ART_MTIME='-'
    return 0
  fi
  if (( rc == 124 || (rc == 137 && dur >= secs * 1000) )); then
    status=timeout
    reason=timed-out
    mark_bad "$res"
    say "$name: timed out after $secs s; later commands on $res are skipped"
  elif (( bytes >= cap )); then
    status=truncated
    reason=over-budget
  elif (( rc != 0 )); then
    status=failed
    if (( ebytes > 0 )) && grep -qiE 'permission denied|not permitted|insufficient permission' "$err"; then
      reason=permission-denied
    elif (( DEADLINE )); then
      reason=deadline
    fi
  elif (( bytes == 0 )); then
    status=empty
  fi
  if (( MY_UID != 0 )) && [[ -z $reason ]] && is_partial_for_user "$name"; then
    reason=not-root
  fi
  if (( scrubbed && bytes > 0 )) && [[ -z $reason ]]; then
    scrubbed=$(grep -o -F '***' -- "$out" | wc -l)
    (( scrubbed > 0 )) && reason="scrubbed:$(( scrubbed ))"
  fi

  if (( bytes == 0 )); then
    rm -f -- "$out"
    path=-
  else
    charge "$bytes" "$rel"
  fi
  if (( ebytes == 0 )); then
    rm -f -- "$err"
  else
    if (( ebytes > 4096 )); then
      truncate -s 4096 -- "$err"
      ebytes=4096
    fi
    charge "$ebytes" "$errrel"
  fi
  manifest_row "$path" "$kind" "$name" "$src" "$status" "$rc" "$t0" "$NOW" "$dur" \
    "$bytes" "$mtime" "$reason"
  return 0
}

# ---------------------------------------------------------------- meta

meta() {
  printf '%s=%s\n' "$1" "${2//$'\n'/ }" >>"$META"
}

read_first_match() { # FILE PREFIX: prints the rest of the first line starting with PREFIX
  local line
  [[ -r $1 ]] || return 1
  while IFS= read -r line; do
    if [[ $line == "$2"* ]]; then
      printf '%s' "${line#"$2"}"
      return 0
    fi
  done <"$1"
  return 1
}

tz_name() {
  local t
  if [[ -n ${TZ:-} ]]; then
    printf '%s' "${TZ#:}"
  elif [[ -r /etc/timezone ]] && IFS= read -r t </etc/timezone && [[ -n $t ]]; then
    printf '%s' "$t"
  elif [[ -L /etc/localtime ]] && t=$(readlink /etc/localtime) && [[ $t == *zoneinfo/* ]]; then
    printf '%s' "${t#*zoneinfo/}"
  else
    printf 'UTC'
  fi
}

ntp_synced() {
  local v
  if [[ -d /run/systemd/system ]] && have timedatectl; then
    v=$(run_limited 3 timedatectl show -p NTPSynchronized --value </dev/null 2>/dev/null)
    case $v in
      yes) printf yes; return ;;
      no) printf no; return ;;
    esac
  fi
  if have chronyc; then
    v=$(run_limited 3 chronyc -n tracking </dev/null 2>/dev/null)
    if [[ $v == *'Leap status'*'Not synchronised'* ]]; then
      printf no; return
    elif [[ $v == *'Leap status'* ]]; then
      printf yes; return
    fi
  fi
  if have ntpstat; then
    run_limited 3 ntpstat </dev/null >/dev/null 2>&1
    case $? in
      0) printf yes; return ;;
      1) printf no; return ;;
    esac
  fi
  printf unknown
}

write_meta() {
  local v host
  host=$(hostname 2>/dev/null) || host=$(uname -n)
  meta format sitrep-bundle
  meta format_version "$FORMAT_VERSION"
  meta sitrep_version "$SITREP_VERSION"
  meta hostname "${host%%.*}"
  meta fqdn "$(run_limited 2 hostname -f </dev/null 2>/dev/null)"
  meta tier "$TIER"
  meta kernel "$(uname -r)"
  meta uname "$(uname -a)"
  v=$(read_first_match /etc/os-release PRETTY_NAME=) || v=''
  v=${v#\"}
  meta os "${v%\"}"
  v=$(getconf _NPROCESSORS_ONLN 2>/dev/null) || v=$(nproc 2>/dev/null) || v=''
  meta cpus "$v"
  v=$(read_first_match /proc/cpuinfo 'model name') || v=''
  v=${v#*: }
  meta cpu_model "$v"
  v=$(read_first_match /proc/meminfo MemTotal:) || v=''
  v=${v% kB}
  meta mem_total_kb "${v//[[:space:]]/}"
  v=$(read_first_match /proc/stat 'btime ') || v=''
  meta boot_epoch "$v"
  # the kernel's random id of this boot: the same for every UTS namespace or container of one kernel
  v=$(read_first_match /proc/sys/kernel/random/boot_id '') || v=''
  meta boot_id "$v"
  meta uptime_s "$START_UPTIME"
  meta mono_at_start "$START_UPTIME"
  meta start_epoch "$START"
  meta window_s "$WINDOW"
  meta interval_s "$INTERVAL_S"
  meta since_epoch "$SINCE"
  meta tz_name "$(tz_name)"
  v=$(date '+%Z %z')
  meta tz_abbrev "${v% *}"
  meta utc_offset "${v#* }"
  meta ntp_synced "$(ntp_synced)"
  meta user "$(id -un 2>/dev/null)"
  meta uid "$MY_UID"
  meta argv "$ARGV_QUOTED"
  meta missing_tools "${MISSING[*]+"${MISSING[*]}"}"
  meta max_bytes "$MAX_BYTES"
}

# ---------------------------------------------------------------- commands

# fd-counts: "<pid> <open fds> <soft limit> <comm>" for the 20 processes with
# the most open fds, and a trailing comment counting unreadable processes.
# Runs in a child bash (see snap_set) so that it is under timeout like the rest.
fd_counts_main() {
  local d n pid soft comm line rest counts='' denied=0
  local -a fds
  shopt -s nullglob
  for d in /proc/[0-9]*; do
    if [[ ! -r $d/fd || ! -x $d/fd ]]; then
      denied=$(( denied + 1 ))
      continue
    fi
    fds=("$d"/fd/*)
    counts+="${#fds[@]} ${d#/proc/}"$'\n'
  done
  printf '%s' "$counts" | sort -k1,1nr | head -n 20 | while read -r n pid; do
    soft=-
    comm=-
    if [[ -r /proc/$pid/limits ]]; then
      while IFS= read -r line; do
        if [[ $line == 'Max open files'* ]]; then
          line=${line#Max open files}
          read -r soft rest <<<"$line"
        fi
      done <"/proc/$pid/limits"
    fi
    [[ -r /proc/$pid/comm ]] && read -r comm <"/proc/$pid/comm"
    printf '%s %s %s %s\n' "$pid" "$n" "$soft" "$comm"
  done
  printf '# unreadable: %s processes (permission denied)\n' "$denied"
}

# net-speed: "<interface> <Mbit/s>" per /sys/class/net entry, the link speed
# the driver reports (what ethtool shows); "-1" when the driver does not know
# it, "-" when it cannot be read (interface down, no speed attribute).
# Throughput is judged against it. Runs in a child bash, like fd_counts_main.
net_speed_main() {
  local f v
  shopt -s nullglob
  for f in /sys/class/net/*/speed; do
    v=-
    { read -r v <"$f"; } 2>/dev/null || v=-
    f=${f%/speed}
    printf '%s %s\n' "${f##*/}" "${v:--}"
  done
}

# Which processes hold the collected logs open (pid, comm, path): the
# analyzer takes them as this tier's own processes. One find over
# /proc/*/fd, no fork per descriptor.
log_writers_main() {
  local list=$1 dir target pid comm
  local -A wanted=()
  while IFS= read -r target; do
    [[ -n $target ]] && wanted[$target]=1
  done <"$list"
  # Only descriptors naming a path: sockets and pipes (most of a busy
  # host's descriptors) never reach the sort.
  find /proc/[0-9]*/fd -maxdepth 1 -type l -lname '/*' -printf '%h\t%l\n' 2>/dev/null | sort -u |
    while IFS=$'\t' read -r dir target; do
      [[ -n $target && -n ${wanted[$target]:-} ]] || continue
      pid=${dir#/proc/}
      pid=${pid%/fd}
      comm=-
      [[ -r /proc/$pid/comm ]] && read -r comm <"/proc/$pid/comm"
      printf '%s\t%s\t%s\n' "$pid" "$comm" "$target"
    done
}

# State commands share a pool (2/5 of the budget, half for the start with the
# one-shot commands, half for the end); one command takes at most a quarter
# of what is left of its half, so samples always keep their share.
phase_cap() {
  local c=$(( PHASE_LEFT / 4 )) r
  r=$(remaining)
  (( c > r )) && c=$r
  printf '%s' "$c"
}

snap() { # NAME RESOURCE -- COMMAND...
  local name=$1 res=$2 before=$USED
  shift 2
  run_artifact snap "$name" "snap/$PHASE/$name.txt" "$res" "$CMD_TIMEOUT" "$(phase_cap)" "$@"
  PHASE_LEFT=$(( PHASE_LEFT - (USED - before) ))
}

systemd_running() {
  [[ -d /run/systemd/system ]]
}

snap_set() {
  PHASE=$1
  [[ $PHASE == end ]] && PHASE_LEFT=$(( STATE_POOL / 2 ))
  local k keys=()
  say "state at $PHASE"
  # Small and most telling first: under a tight budget the big ones are cut.
  snap free free -- free ${FREE_ARGS[@]+"${FREE_ARGS[@]}"}
  snap file-nr proc -- cat /proc/sys/fs/file-nr
  for k in $SYSCTL_KEYS; do
    [[ -e /proc/sys/${k//.//} ]] && keys+=("$k")
  done
  if (( ${#keys[@]} )); then
    snap sysctl sysctl -- sysctl "${keys[@]}"
  else
    skip_row snap sysctl sysctl absent
  fi
  snap ulimit shell -- "$BASH" -c 'ulimit -a'
  ART_SOURCE='fd-counts: /proc/<pid>/fd and /proc/<pid>/limits, top 20'
  snap fd-counts proc-fd -- "$BASH" -c "$(declare -f fd_counts_main); fd_counts_main"
  snap ss-s ss -- ss -s
  snap df df -- df -P -x tmpfs -x devtmpfs -x overlay -l
  snap df-i df -- df -P -i -l
  snap ss-lnt ss -- ss -lnt
  if systemd_running; then
    snap systemctl-failed systemctl -- systemctl --failed --no-pager
  else
    skip_row snap systemctl-failed 'systemctl --failed --no-pager' not-running
  fi
  snap ip-s-link ip -- ip -s link
  ART_SOURCE='net-speed: /sys/class/net/*/speed'
  snap net-speed sysfs -- "$BASH" -c "$(declare -f net_speed_main); net_speed_main"
  snap netstat-s netstat -- netstat -s
  snap nstat nstat -- nstat -asz
  if have ss; then
    snap ss-tanpi ss -- ss -tanpi
    skip_row snap netstat-antp 'netstat -antp' superseded-by-ss
  else
    snap ss-tanpi ss -- ss -tanpi
    snap netstat-antp netstat -- netstat -antp
  fi
  snap top top -- top -b -n 1
  # Command lines carry passwords (mysql -pX, --password=X, user:pass@ in
  # URLs): scrubbed here, before they leave the host (docs/capture.md).
  ART_SOURCE="ps -eo $PS_COLUMNS | sed -E -f scrub.sed"
  ART_SCRUBBED=1
  # shellcheck disable=SC2016  # expanded by the child bash
  snap ps ps -- "$BASH" -c 'ps -eo "$1" | sed -E -f "$2"; exit "${PIPESTATUS[0]}"' _ "$PS_COLUMNS" "$STATE/scrub.sed"
}

readonly PS_COLUMNS=pid,ppid,user,stat,wchan:32,nlwp,pcpu,pmem,vsz,rss,lstart,comm,args

# Secret-looking arguments, replaced by ***. Each rule starts at a literal
# (a keyword, "://", "-p") and runs over one argument: linear in the line.
write_scrub_rules() {
  cat >"$STATE/scrub.sed" <<'EOF'
# mysql -pSECRET, mysqldump/mysqladmin/mariadb too: the password glued to -p.
/mysql|mariadb/I s/([[:space:]]-p)[^[:space:]]+/\1***/g
# curl -u user:SECRET
/curl/ s/([[:space:]]-u[[:space:]]*[^:[:space:]]+):[^[:space:]]+/\1:***/g
# --password=X, PGPASSWORD=X, MYSQL_PWD=X, token=X, secret=X, api_key=X (URL query too).
s/(pass(word|wd)?|_pwd|secret|token|api[_-]?key)([A-Za-z0-9_.-]*=)[^[:space:]&]+/\1\3***/Ig
# --password X, --db-password X, -secret X, --token X.
s/(-(pass(word|wd)?|secret|token|api[_-]?key))[[:space:]]+[^[:space:]]+/\1 ***/Ig
# scheme://user:SECRET@host
s#(://[^/@:[:space:]]*):[^/@[:space:]]*@#\1:***@#g
# Authorization: Bearer SECRET (and Basic, Token, Digest, Negotiate).
s/(authorization:?[[:space:]]*((bearer|basic|token|digest|negotiate)[[:space:]]+)?)[^[:space:]]+/\1***/Ig
EOF
}

once() { # NAME RESOURCE TIMEOUT -- COMMAND...
  local name=$1 res=$2 secs=$3 before=$USED
  shift 3
  run_artifact cmd "$name" "cmd/$name.txt" "$res" "$secs" "$(phase_cap)" "$@"
  PHASE_LEFT=$(( PHASE_LEFT - (USED - before) ))
}

collect_once() {
  say "identity and kernel log"
  once uptime uptime "$CMD_TIMEOUT" -- uptime
  once os-release os-release "$CMD_TIMEOUT" -- cat /etc/os-release
  once cpuinfo proc "$CMD_TIMEOUT" -- cat /proc/cpuinfo
  if systemd_running; then
    once timedatectl timedatectl "$CMD_TIMEOUT" -- timedatectl
  else
    skip_row cmd timedatectl timedatectl not-running
  fi
}

# ---------------------------------------------------------------- sampling

PROC_NAMES=(proc-stat proc-meminfo proc-vmstat proc-diskstats proc-loadavg
  proc-net-dev proc-net-snmp proc-net-netstat proc-net-sockstat
  proc-pressure-cpu proc-pressure-memory proc-pressure-io proc-file-nr)
PROC_FILES=(/proc/stat /proc/meminfo /proc/vmstat /proc/diskstats /proc/loadavg
  /proc/net/dev /proc/net/snmp /proc/net/netstat /proc/net/sockstat
  /proc/pressure/cpu /proc/pressure/memory /proc/pressure/io /proc/sys/fs/file-nr)

# Reads each /proc file once per interval with the read builtin (no forks),
# each block preceded by "@@sitrep <epoch.frac>".
# Samplers run in background subshells; stopped, they take their jobs along.
sampler_trap() {
  # shellcheck disable=SC2046  # the pids of this subshell's jobs
  trap 'kill $(jobs -p) 2>/dev/null; exit 143' TERM
}

proc_sampler() {
  sampler_trap
  local count=$1 cap=$2 i j v block stamp_each=0 t0 t0us
  local -a idx=() psize=() cut=()
  [[ -n ${EPOCHREALTIME:-} ]] && stamp_each=1
  for j in "${!PROC_NAMES[@]}"; do
    if [[ ! -e ${PROC_FILES[j]} ]]; then
      skip_row proc "${PROC_NAMES[j]}" "${PROC_FILES[j]}" absent
    elif [[ ! -r ${PROC_FILES[j]} ]]; then
      skip_row proc "${PROC_NAMES[j]}" "${PROC_FILES[j]}" permission-denied
    else
      idx+=("$j")
      psize[j]=0
      cut[j]=0
    fi
  done
  (( ${#idx[@]} )) || return 0
  now
  t0=$NOW
  t0us=$NOW_US
  for (( i = 0; i < count; i++ )); do
    past_deadline && break
    (( stamp_each )) || now
    for j in "${idx[@]}"; do
      (( cut[j] )) && continue
      (( stamp_each )) && now
      v=''
      IFS= read -r -d '' v <"${PROC_FILES[j]}"
      [[ -n $v && $v != *$'\n' ]] && v+=$'\n'
      block="@@sitrep $NOW"$'\n'"$v"
      if (( psize[j] + ${#block} > cap )); then
        cut[j]=1
        continue
      fi
      printf '%s' "$block" >>"$BUNDLE/proc/${PROC_NAMES[j]}.txt"
      psize[j]=$(( psize[j] + ${#block} ))
    done
    if (( i + 1 < count )); then
      sleep_until $(( t0us + (i + 1) * INTERVAL_S * 1000000 ))
    fi
  done
  now
  local status reason path
  for j in "${idx[@]}"; do
    status=ok
    reason=''
    (( cut[j] )) && { status=truncated; reason=over-budget; }
    path=proc/${PROC_NAMES[j]}.txt
    if (( ! psize[j] )); then
      path=-
      (( cut[j] )) || { status=skipped; reason=deadline; }
    fi
    manifest_row "$path" proc "${PROC_NAMES[j]}" "${PROC_FILES[j]}" \
      "$status" - "$t0" "$NOW" $(( (NOW_US - t0us) / 1000 )) "${psize[j]}" - "$reason"
  done
}

# `ss -tanp` every SS_EVERY_S seconds, each output preceded by a time marker.
ss_sampler() {
  sampler_trap
  local window=$1 cap=$2 t rc worst=0 bytes=0 sz stamp status=ok reason=''
  local out=$BUNDLE/sample/ss-tanp.txt tmp=$STATE/ss.tmp err=$BUNDLE/sample/ss-tanp.err
  local src="ss -tanp (every ${SS_EVERY_S} s, or ${SS_COST_X}x its run time)" s0 took step
  if ! have ss; then
    skip_row sample ss-tanp "$src" not-installed
    return 0
  fi
  now
  local t0=$NOW t0us=$NOW_US
  for (( t = 0; t <= window; t += step )); do
    if is_bad ss; then
      status=skipped; reason=bad-resource; break
    fi
    past_deadline && break
    now
    stamp=$NOW
    s0=$NOW_US
    run_limited "$CMD_TIMEOUT" ss -tanp </dev/null 2>>"$err" | head -c "$(( cap - bytes + 1 ))" >"$tmp"
    rc=${PIPESTATUS[0]}
    now
    took=$(( NOW_US - s0 ))
    (( rc != 0 )) && worst=$rc
    if (( rc == 124 )); then
      mark_bad ss
      status=timeout; reason=timed-out; break
    fi
    sz=$(stat -c %s -- "$tmp")
    if (( bytes + sz + 30 > cap )); then
      status=truncated; reason=over-budget; break
    fi
    { printf '@@sitrep %s\n' "$stamp"; cat -- "$tmp"; } >>"$out"
    bytes=$(( bytes + sz + 9 + ${#stamp} + 1 ))
    # `-p` reads every process's descriptors: on a host with many sockets
    # one run costs ~0.1 s of CPU. The next sample waits SS_COST_X times as
    # long as this one took (whole seconds, at least SS_EVERY_S), which
    # keeps ss near 1/SS_COST_X of a CPU whatever the host.
    step=$(( (took * SS_COST_X + 999999) / 1000000 ))
    (( step < SS_EVERY_S )) && step=$SS_EVERY_S
    if (( t + step <= window )); then
      sleep_until $(( t0us + (t + step) * 1000000 ))
    fi
  done
  rm -f -- "$tmp"
  [[ -s $err ]] || rm -f -- "$err"
  if [[ -e $out ]]; then
    bytes=$(stat -c %s -- "$out")
  else
    bytes=0
  fi
  (( MY_UID != 0 )) && [[ -z $reason ]] && reason=not-root
  now
  local path=sample/ss-tanp.txt
  if (( ! bytes )); then
    path=-
    [[ $status == ok ]] && { status=skipped; reason=deadline; }
  fi
  manifest_row "$path" sample ss-tanp "$src" "$status" "$worst" "$t0" "$NOW" \
    $(( (NOW_US - t0us) / 1000 )) "$bytes" - "$reason"
}

sample_cmd() { # NAME CAP -- COMMAND...
  local name=$1 cap=$2
  shift 2
  run_artifact sample "$name" "sample/$name.txt" "$2" $(( WINDOW + 10 )) "$cap" "$@"
}

# The pause between two samplers' starts (SITREP_STAGGER_S, default 0.12 s).
stagger() {
  sleep "$STAGGER_S" 2>/dev/null || true
}

sample_window() {
  local r share pids=() p
  r=$(remaining)
  # Leave room for the end state.
  r=$(( r - STATE_POOL / 2 ))
  (( r < 0 )) && r=0
  # Ten shares: one per sysstat tool and ss, four for the /proc samples
  # (they stand in for sysstat where it is missing). Unused bytes go to logs.
  share=$(( r / 10 ))
  say "sampling for $WINDOW s"
  # Each sampler starts a little after the one before, so each wakes at its
  # own point of every second: vmstat, first, then counts the runnable
  # threads of the host and not this script's own samplers waking with it.
  # pidstat, the heaviest (it reads every /proc/<pid>), goes last.
  sample_cmd vmstat "$share" -- vmstat ${VMSTAT_ARGS[@]+"${VMSTAT_ARGS[@]}"} 1 $(( WINDOW + 1 )) &
  pids+=("$!")
  stagger
  sample_cmd mpstat "$share" -- mpstat -P ALL 1 "$WINDOW" &
  pids+=("$!")
  stagger
  sample_cmd iostat "$share" -- iostat -xt 1 $(( WINDOW + 1 )) &
  pids+=("$!")
  stagger
  sample_cmd sar-net "$share" -- sar -n DEV,EDEV,TCP,ETCP 1 "$WINDOW" &
  pids+=("$!")
  stagger
  ss_sampler "$WINDOW" "$share" &
  pids+=("$!")
  stagger
  proc_sampler $(( WINDOW / INTERVAL_S + 1 )) $(( share * 4 / ${#PROC_NAMES[@]} )) &
  pids+=("$!")
  stagger
  sample_cmd pidstat "$share" -- pidstat -u -d -r -h 1 "$WINDOW" &
  pids+=("$!")
  for p in "${pids[@]}"; do
    wait_child "$p"
  done
  # The samplers ran in subshells: charge what they wrote, and their rows.
  local sizes s
  sizes=$(find "$BUNDLE/sample" "$BUNDLE/proc" -type f -printf '%s\n' 2>/dev/null)
  for s in $sizes; do
    charge "$s" ''
  done
  USED=$(( USED + 20 * 200 ))
}

# ---------------------------------------------------------------- history

collect_sar_history() {
  local f files=() mt budget per g
  # SITREP_SA_GLOBS (space-separated) exists for tests.
  local globs=${SITREP_SA_GLOBS:-'/var/log/sysstat/sa[0-9][0-9] /var/log/sa/sa[0-9][0-9]'}
  shopt -s nullglob
  for g in $globs; do
    # shellcheck disable=SC2206  # glob expansion is the point
    files+=($g)
  done
  shopt -u nullglob
  if (( ! ${#files[@]} )); then
    skip_row sar sar-history "$globs" absent
    return 0
  fi
  budget=$(remaining)
  budget=$(( budget / 5 ))
  say "sar history"
  # Newest first; only files written since the day before the log window.
  while read -r -u 3 mt f; do
    [[ -n $f ]] || continue
    if (( mt < SINCE - 86400 )); then
      ART_MTIME=$mt
      skip_row sar "sar-history:${f##*/}" "$f" before-window
      ART_MTIME='-'
      continue
    fi
    if [[ ! -r $f ]]; then
      ART_MTIME=$mt
      skip_row sar "sar-history:${f##*/}" "$f" permission-denied
      ART_MTIME='-'
      continue
    fi
    per=$(remaining)
    (( per > budget )) && per=$budget
    ART_MTIME=$mt
    run_artifact sar "sar-history:${f##*/}" "sar/${f##*/}.json" sadf "$LONG_TIMEOUT" "$per" \
      -- sadf -j "$f" -- -A
    budget=$(( budget - $(stat -c %s -- "$BUNDLE/sar/${f##*/}.json" 2>/dev/null || echo 0) ))
  done 3<<<"$(stat -c '%Y %n' -- "${files[@]}" 2>/dev/null | sort -rn)"
}

# ---------------------------------------------------------------- logs

LOG_CAND=()
# The directory each candidate was found from (a glob's fixed part, a
# discovered log's directory): below it no path component may be a link.
declare -A LOG_ROOT=()

# The fixed directory of a glob (of a path: its directory). In a variable,
# not printed: no subshell per glob.
GLOB_ROOT=''
glob_root() {
  local pre=${1%%[*?[]*}
  if [[ $pre == */* ]]; then
    GLOB_ROOT=${pre%/*}
    [[ -n $GLOB_ROOT ]] || GLOB_ROOT=/
  else
    GLOB_ROOT=.
  fi
}

add_candidates() { # GLOB...: adds existing paths, expanding globs
  local g f root old_ifs=$IFS
  shopt -s nullglob
  for g in "$@"; do
    glob_root "$g"
    root=$GLOB_ROOT
    IFS=$'\n'
    # shellcheck disable=SC2206  # glob expansion is the point
    local m=($g)
    IFS=$old_ifs
    for f in ${m[@]+"${m[@]}"}; do
      LOG_CAND+=("$f")
      [[ -n ${LOG_ROOT[$f]:-} ]] || LOG_ROOT[$f]=$root
    done
  done
  shopt -u nullglob
}

add_rotated_forms() { # PATH: FILE.N, FILE.N.gz, FILE-YYYYMMDD[.gz]
  add_candidates "$1.[0-9]" "$1.[0-9][0-9]" "$1.[0-9].gz" "$1.[0-9][0-9].gz" \
    "$1-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]" "$1-[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9].gz"
}

discover_logs() {
  local p
  add_candidates '/var/log/syslog*' '/var/log/messages*' '/var/log/kern.log*' \
    '/var/log/nginx/*.log*' \
    '/var/log/apache2/*.log*' '/var/log/httpd/*_log*' '/var/log/httpd/*.log*' \
    '/var/log/mysql/*.log*' '/var/log/mysql.log*' '/var/log/mysqld.log*' \
    '/var/log/mysql/*.err*' '/var/log/mariadb/*.log*' '/var/lib/mysql/*.err' \
    '/var/log/postgresql/*.log*' '/var/lib/pgsql/data/log/*.log' \
    '/var/lib/pgsql/*/data/log/*.log' '/var/lib/pgsql/data/pg_log/*.log' \
    '/var/lib/postgresql/*/main/log/*.log' '/var/lib/postgresql/*/main/pg_log/*.log'
  for p in /var/log/nginx /var/log/apache2 /var/log/httpd /var/log/mysql /var/log/mariadb \
    /var/log/postgresql /var/lib/pgsql /var/lib/postgresql; do
    if [[ -d $p && ! -r $p ]]; then
      skip_row log "log:$p/" "$p" permission-denied
    fi
  done
  # Log files that running processes hold open (bounded).
  local list n=0 f
  list=$(run_limited "$LONG_TIMEOUT" find /proc/[0-9]*/fd -maxdepth 1 -type l \
    -lname '*.log*' -printf '%l\n' </dev/null 2>/dev/null | sort -u | head -n 200)
  while IFS= read -r f; do
    case $f in
      /var/log/* | /var/lib/* | /opt/* | /srv/* | /usr/local/* | /home/* | /app/*) ;;
      *) continue ;;
    esac
    [[ $f == *' (deleted)' ]] && continue
    LOG_CAND+=("$f")
    # The kernel gave the physical path: its directory is the root.
    LOG_ROOT[$f]=${f%/*}
    add_rotated_forms "$f"
    n=$(( n + 1 ))
    (( n >= MAX_OPEN_LOGS )) && break
  done <<<"$list"
  (( MY_UID != 0 )) && say "not root: open log files of other users' processes are not discovered"
}

is_rotated() {
  [[ $1 =~ (\.[0-9]+|-[0-9]{8})(\.gz)?$ || $1 == *.gz ]]
}

rotated_base() {
  local p=${1%.gz}
  if [[ $p =~ ^(.*)(\.[0-9]+|-[0-9]{8})$ ]]; then
    printf '%s' "${BASH_REMATCH[1]}"
  else
    printf '%s' "$p"
  fi
}

# Copies one log from an open descriptor, in a child bash under the
# wrapper's timeout. It opens the path only if it is still a regular file and
# no link, then checks what it opened: a regular file with one link, the same
# inode the listing saw (so the size and mtime used came from this very
# file), whose physical path is the expected one (no component below the
# root was a link). The copy reads the descriptor, never the path again.
# A refusal is "sitrep-refused: REASON" on stderr and exit 65 (REFUSED_RC).
log_copy_main() { # PATH PHYSICAL DEV:INO head|tail BYTES
  local path=$1 want=$2 id=$3 mode=$4 n=$5 st got gid nl
  refuse() { printf 'sitrep-refused: %s\n' "$1" >&2; exit 65; }
  # A FIFO swapped in after this check blocks the open only until the
  # wrapper's timeout kills this child.
  [[ -h $path ]] && refuse symlink
  [[ -f $path ]] || refuse not-regular
  { exec 3<"$path"; } 2>/dev/null || refuse unreadable
  st=$(stat -L -c '%F|%d:%i|%h' /dev/fd/3) || refuse unreadable
  case ${st%%|*} in
    'regular file' | 'regular empty file') ;;
    *) refuse not-regular ;;
  esac
  got=$(readlink /dev/fd/3) || refuse unreadable
  [[ $got == "$want" ]] || refuse symlink-in-path
  IFS='|' read -r _ gid nl <<<"$st"
  [[ $gid == "$id" ]] || refuse changed
  [[ $nl == 1 ]] || refuse hard-linked
  if [[ $mode == head ]]; then
    head -c "$n" <&3
  else
    tail -c "$n" <&3
  fi
}

declare -A PHYS_ROOT=()
LOG_COPY_SRC=''

# The physical path a candidate must have: its root resolved (links above
# the root are the system's own layout), then the rest taken literally.
physical_path() { # PATH: sets PHYS
  local f=$1 root=${LOG_ROOT[$1]:-${1%/*}} rest
  [[ $f == */* ]] || root=.
  if [[ -z ${PHYS_ROOT[$root]:-} ]]; then
    PHYS_ROOT[$root]=$(cd -P -- "$root" 2>/dev/null && pwd -P) || PHYS_ROOT[$root]=//unresolved
  fi
  rest=${f#"$root"}
  [[ $root == . && $f != ./* ]] && rest=/$f
  PHYS=${PHYS_ROOT[$root]}/$rest
  while [[ $PHYS == *//* ]]; do PHYS=${PHYS//\/\//\/}; done
  while [[ $PHYS == */./* ]]; do PHYS=${PHYS//\/.\//\/}; done
}

copy_log() { # PATH SIZE MTIME CAP DEV:INO
  local path=$1 size=$2 mt=$3 cap=$4 id=$5 rel="logs/${1#/}" mode=tail n=$4 bytes=$4
  mkdir -p -- "$BUNDLE/${rel%/*}"
  if (( size == 0 )); then
    now
    manifest_row - log "log:$path" "$path" empty - "$NOW" "$NOW" 0 0 "$mt" ''
    return 0
  fi
  if (( size < cap )); then
    # head -c copies exactly the bytes counted; the cap only has to exceed them.
    mode=head n=$size bytes=$(( size + 1024 ))
  elif [[ $path == *.gz ]]; then
    ART_MTIME=$mt
    skip_row log "log:$path" "$path" over-budget
    ART_MTIME='-'
    return 0
  fi
  # Otherwise keep the newest bytes; the first line may be partial.
  [[ -n $LOG_COPY_SRC ]] || LOG_COPY_SRC=$(declare -f log_copy_main)
  physical_path "$path"
  ART_SOURCE=$path
  ART_MTIME=$mt
  run_artifact log "log:$path" "$rel" "dir:${path%/*}" "$LONG_TIMEOUT" "$bytes" \
    -- "$BASH" -c "$LOG_COPY_SRC; log_copy_main \"\$@\"" _ "$path" "$PHYS" "$id" "$mode" "$n"
  ART_SOURCE=''
  ART_MTIME='-'
}

collect_journal() {
  local cap=$1
  if (( ! DISCOVER )); then
    skip_row journal journal journalctl no-discover
    return 0
  fi
  if ! have journalctl; then
    skip_row journal journal journalctl not-installed
    return 0
  fi
  if [[ ! -d /run/systemd/journal ]]; then
    skip_row journal journal journalctl not-running
    return 0
  fi
  local fmt=short-iso-precise
  if ! run_limited "$CMD_TIMEOUT" journalctl -n 0 -o "$fmt" --no-pager </dev/null >/dev/null 2>&1; then
    fmt=short-iso
  fi
  say "journal since $SINCE_TEXT"
  run_artifact journal journal journal/journal.txt journalctl "$LONG_TIMEOUT" "$cap" \
    -- journalctl --since "@$SINCE" -o "$fmt" --no-pager
}

collect_logs() {
  local f g
  LOG_CAND=()
  if (( DISCOVER )); then
    discover_logs
  fi
  for g in ${LOG_GLOBS[@]+"${LOG_GLOBS[@]}"}; do
    local before=${#LOG_CAND[@]}
    add_candidates "$g"
    if (( ${#LOG_CAND[@]} == before )); then
      skip_row log "log:$g" "$g" absent
      continue
    fi
    local i
    for (( i = before; i < ${#LOG_CAND[@]}; i++ )); do
      is_rotated "${LOG_CAND[i]}" || add_rotated_forms "${LOG_CAND[i]}"
    done
  done

  # Current files before rotated ones, so the file limit spares them.
  local -a ordered=()
  for f in ${LOG_CAND[@]+"${LOG_CAND[@]}"}; do
    is_rotated "$f" || ordered+=("$f")
  done
  for f in ${LOG_CAND[@]+"${LOG_CAND[@]}"}; do
    is_rotated "$f" && ordered+=("$f")
  done

  # Dedupe, stat, filter by type, readability and time window.
  local -A seen=()
  local cur_list='' rot_list='' st size mt n=0 type id nl why
  for f in ${ordered[@]+"${ordered[@]}"}; do
    [[ -n ${seen[$f]:-} ]] && continue
    seen[$f]=1
    n=$(( n + 1 ))
    if (( n > MAX_LOG_FILES )); then
      skip_row log log:too-many-files "$f and later candidates" too-many-files
      break
    fi
    # lstat: a link is reported, never followed (the copy checks again).
    st=$(stat -c '%F|%s|%Y|%d:%i|%h' -- "$f" 2>/dev/null) || { skip_row log "log:$f" "$f" absent; continue; }
    IFS='|' read -r type size mt id nl <<<"$st"
    ART_MTIME=$mt
    why=''
    case $type in
      'regular file' | 'regular empty file') (( nl == 1 )) || why='hard-linked' ;;
      'symbolic link') why=symlink ;;
      fifo) why=fifo ;;
      socket) why=socket ;;
      'character special file' | 'block special file') why=device ;;
      *) why=not-regular ;;
    esac
    if [[ -n $why ]]; then
      skip_row log "log:$f" "$f" "$why"
    elif [[ ! -r $f ]]; then
      skip_row log "log:$f" "$f" permission-denied
    elif (( mt < SINCE )); then
      skip_row log "log:$f" "$f" before-window
    elif [[ $f =~ \.(bz2|xz|zst|lz4|Z)$ ]]; then
      skip_row log "log:$f" "$f" unsupported-compression
    elif is_rotated "$f"; then
      rot_list+="$mt	$size	$id	$f"$'\n'
    else
      cur_list+="$size	$mt	$id	$f"$'\n'
    fi
    ART_MTIME='-'
  done

  local ncur=0 budget cap
  [[ -n $cur_list ]] && ncur=$(printf '%s' "$cur_list" | grep -c .)
  if [[ -n $cur_list ]]; then
    printf '%s' "$cur_list" | cut -f4- >"$STATE/log-sources"
    ART_SOURCE='log-writers: processes holding the collected logs open (/proc/<pid>/fd)'
    once log-writers proc-fd "$LONG_TIMEOUT" -- "$BASH" -c "$(declare -f log_writers_main); log_writers_main \"\$1\"" _ "$STATE/log-sources"
  fi
  budget=$(remaining)
  # The journal gets a fair share beside the current log files.
  collect_journal $(( budget / (ncur + 1) ))
  (( ncur + ${#rot_list} )) || return 0
  say "logs: $ncur current, $(printf '%s' "$rot_list" | grep -c .) rotated in the window"

  # Current logs: max-min fair shares (smallest first), newest bytes kept.
  local truncated_bases=' ' left=$ncur
  while IFS=$'\t' read -r -u 3 size mt id f; do
    [[ -n $f ]] || continue
    budget=$(remaining)
    cap=$(( budget / left ))
    left=$(( left - 1 ))
    if (( cap < 1024 )); then
      ART_MTIME=$mt
      skip_row log "log:$f" "$f" over-budget
      ART_MTIME='-'
      truncated_bases+="$f "
      continue
    fi
    (( size >= cap )) && truncated_bases+="$f "
    copy_log "$f" "$size" "$mt" "$cap" "$id"
  done 3<<<"$(printf '%s' "$cur_list" | sort -n)"
  # Rotated logs: newest first, never past a gap left by a cut current file.
  while IFS=$'\t' read -r -u 3 mt size id f; do
    [[ -n $f ]] || continue
    ART_MTIME=$mt
    if [[ $truncated_bases == *" $(rotated_base "$f") "* ]]; then
      skip_row log "log:$f" "$f" over-budget
      ART_MTIME='-'
      continue
    fi
    ART_MTIME='-'
    budget=$(remaining)
    if (( size >= budget )); then
      truncated_bases+="$(rotated_base "$f") "
    fi
    if (( budget < 1024 )); then
      ART_MTIME=$mt
      skip_row log "log:$f" "$f" over-budget
      ART_MTIME='-'
      continue
    fi
    copy_log "$f" "$size" "$mt" "$budget" "$id"
  done 3<<<"$(printf '%s' "$rot_list" | sort -rn)"
}

# ---------------------------------------------------------------- summary

# Sets RT to what a manifest reason (or status) means to a person.
reason_text() {
  case $1 in
    not-installed) RT='not installed' ;;
    permission-denied) RT='permission denied' ;;
    not-root) RT="partial, other users' data is hidden without root" ;;
    timed-out | timeout) RT='timed out (later commands on the same resource skipped)' ;;
    bad-resource) RT='skipped after a hang on the same resource' ;;
    over-budget) RT='cut or skipped by the byte budget (raise --max-bytes)' ;;
    deadline) RT='stopped by the wall-time limit' ;;
    absent) RT='not found' ;;
    not-running) RT='not running here' ;;
    failed) RT='failed (its .err in the bundle says why)' ;;
    unsupported-compression) RT='compressed with something else than gzip' ;;
    symlink | symlink-in-path) RT='refused: reached through a symbolic link' ;;
    fifo | socket | device | not-regular) RT="refused: not a regular file ($1)" ;;
    hard-linked | changed | unreadable) RT="refused: $1" ;;
    too-many-files) RT="more than $MAX_LOG_FILES log files" ;;
    *) RT=$1 ;;
  esac
}

# The closing summary: what could not be collected, or only in part, and
# why, from the manifest (every row is there; this is for the person).
# With -q it still goes to capture.log.
summary() {
  local name status reason key more
  local -A names=() count=() seen=()
  local -a order=()
  {
    read -r _ && read -r _
    while IFS=$'\t' read -r _ _ name _ status _ _ _ _ _ _ reason; do
      case $status/$reason in
        ok/not-root) key=not-root ;;
        ok/* | empty/* | */no-discover | */superseded-by-ss | */before-window) continue ;;
        */-) key=$status ;;
        *) key=$reason ;;
      esac
      [[ -n ${seen[$key/$name]:-} ]] && continue
      seen[$key/$name]=1
      [[ -n ${count[$key]:-} ]] || { order+=("$key"); count[$key]=0; }
      count[$key]=$(( count[$key] + 1 ))
      (( count[$key] <= 5 )) && names[$key]+="${names[$key]:+, }$name"
    done
  } <"$MANIFEST"
  if (( ! ${#order[@]} )); then
    say "collected everything it looked for"
    return 0
  fi
  say "not collected, or only in part (manifest.tsv in the bundle has every row):"
  for key in "${order[@]}"; do
    reason_text "$key"
    more=''
    (( count[$key] > 5 )) && more=" and $(( count[$key] - 5 )) more"
    say "  $RT: ${names[$key]}$more"
  done
  if [[ " ${MISSING[*]+"${MISSING[*]}"} " == *' pidstat '* || " ${MISSING[*]+"${MISSING[*]}"} " == *' iostat '* ]]; then
    say "  (sysstat would add per-CPU, per-disk and per-process detail; the /proc samples still cover every USE metric)"
  fi
}

# ---------------------------------------------------------------- lifecycle

cleanup() {
  # Ignored, not reset: a second Ctrl-C or TERM (an impatient operator, a
  # supervisor) would otherwise kill this halfway and leave the samplers running.
  trap '' INT TERM HUP USR1
  trap - EXIT
  kill_children
  if [[ -n $WORK && -d $WORK && ${WORK##*/} == .sitrep.* ]]; then
    rm -rf -- "$WORK"
  fi
}

on_signal() {
  say "interrupted by SIG$1: stopping samplers, removing temporary files, no bundle"
  exit 4
}

on_deadline() {
  DEADLINE=1
  : >"$STATE/deadline" 2>/dev/null
  # Packing is left to finish (or to the hard limit).
  (( FINALIZING )) && return 0
  say "wall-time limit reached: stopping commands still running, skipping the rest"
  kill_children "$WATCHDOG"
}

start_watchdog() {
  local main=$$ soft=$(( WINDOW + SOFT_MARGIN_S )) hard=$(( WINDOW + HARD_MARGIN_S ))
  (
    trap - INT TERM HUP USR1
    sleep "$soft"
    kill -USR1 "$main" 2>/dev/null
    sleep $(( hard - soft ))
    kill -TERM "$main" 2>/dev/null
  ) </dev/null >/dev/null 2>&1 &
  WATCHDOG=$!
}

parse_bytes() {
  local n unit
  if [[ $1 =~ ^([0-9]{1,12})([KkMmGgTt]?)[Bb]?$ ]]; then
    n=${BASH_REMATCH[1]}
    unit=${BASH_REMATCH[2]}
    case $unit in
      K | k) n=$(( 10#$n * 1024 )) ;;
      M | m) n=$(( 10#$n * 1024 * 1024 )) ;;
      G | g) n=$(( 10#$n * 1024 * 1024 * 1024 )) ;;
      T | t) n=$(( 10#$n * 1024 * 1024 * 1024 * 1024 )) ;;
      *) n=$(( 10#$n )) ;;
    esac
    printf '%s' "$n"
    return 0
  fi
  return 1
}

parse_since() { # ARG NOW_EPOCH
  local a=$1 base=$2 n mult v
  if [[ $a =~ ^@([0-9]+)(\.[0-9]*)?$ ]]; then
    printf '%s' "${BASH_REMATCH[1]}"
  elif [[ $a =~ ^([0-9]+)[[:space:]]*(s|m|h|d)$ ]]; then
    n=${BASH_REMATCH[1]}
    case ${BASH_REMATCH[2]} in
      s) mult=1 ;;
      m) mult=60 ;;
      h) mult=3600 ;;
      *) mult=86400 ;;
    esac
    printf '%s' $(( base - 10#$n * mult ))
  elif v=$(date -d "$a" +%s 2>/dev/null) && [[ $v =~ ^-?[0-9]+$ ]]; then
    printf '%s' "$v"
  else
    return 1
  fi
}

parse_args() {
  ARGV_QUOTED=$(printf '%q ' "$@")
  ARGV_QUOTED=${ARGV_QUOTED% }
  while (( $# )); do
    case $1 in
      -d) (( $# >= 2 )) || usage_error "-d needs SECONDS"; WINDOW=$2; shift ;;
      -o) (( $# >= 2 )) || usage_error "-o needs DIR"; OUT_DIR=$2; OUT_SET=1; shift ;;
      -t) (( $# >= 2 )) || usage_error "-t needs TIER"; TIER=$2; shift ;;
      -l) (( $# >= 2 )) || usage_error "-l needs GLOB"; LOG_GLOBS+=("$2"); shift ;;
      --since) (( $# >= 2 )) || usage_error "--since needs WHEN"; SINCE_ARG=$2; shift ;;
      --since=*) SINCE_ARG=${1#*=} ;;
      --max-bytes) (( $# >= 2 )) || usage_error "--max-bytes needs N"; MAX_BYTES_ARG=$2; shift ;;
      --max-bytes=*) MAX_BYTES_ARG=${1#*=} ;;
      --no-discover) DISCOVER=0 ;;
      --stdout) TO_STDOUT=1 ;;
      -q | --quiet) QUIET=1 ;;
      -h | --help) usage; exit 0 ;;
      --version) printf 'sitrep-capture %s (bundle format %s)\n' "$SITREP_VERSION" "$FORMAT_VERSION"; exit 0 ;;
      *) usage_error "unknown option: $1" ;;
    esac
    shift
  done
  if ! [[ $WINDOW =~ ^[0-9]{1,4}$ ]] || (( 10#$WINDOW < 1 || 10#$WINDOW > 3600 )); then
    usage_error "-d must be a whole number of seconds from 1 to 3600, not '$WINDOW'"
  fi
  WINDOW=$(( 10#$WINDOW ))
  MAX_BYTES=$(parse_bytes "$MAX_BYTES_ARG") \
    || usage_error "--max-bytes must be a number with an optional K, M, G or T suffix, not '$MAX_BYTES_ARG'"
  (( MAX_BYTES >= MIN_MAX_BYTES )) || usage_error "--max-bytes must be at least 128K"
  [[ $TIER =~ ^[A-Za-z0-9._-]*$ ]] || usage_error "-t takes letters, digits, '.', '_' and '-' only"
  SOFT_MARGIN_S=${SITREP_SOFT_MARGIN_S:-$SOFT_MARGIN_S}
  HARD_MARGIN_S=${SITREP_HARD_MARGIN_S:-$HARD_MARGIN_S}
  if ! [[ $SOFT_MARGIN_S =~ ^[0-9]{1,4}$ && $HARD_MARGIN_S =~ ^[0-9]{1,4}$ ]] \
    || (( HARD_MARGIN_S <= SOFT_MARGIN_S )); then
    usage_error "SITREP_SOFT_MARGIN_S and SITREP_HARD_MARGIN_S must be whole seconds, soft < hard"
  fi
  if (( TO_STDOUT )); then
    [[ -t 1 ]] && usage_error "--stdout: standard output is a terminal; redirect it (> host.tar.gz) or pipe it"
    # Only temporary files: the usual place for them, unless -o says.
    (( OUT_SET )) || OUT_DIR=${TMPDIR:-/tmp}
  fi
  [[ -d $OUT_DIR ]] || usage_error "-o: no such directory: $OUT_DIR"
  [[ -w $OUT_DIR && -x $OUT_DIR ]] || usage_error "-o: directory not writable: $OUT_DIR"
}

probe_tools() {
  local t
  for t in timeout nice ionice vmstat mpstat pidstat iostat sar sadf ss netstat nstat ip \
    journalctl dmesg systemctl timedatectl top free ps sysctl pgrep find; do
    have "$t" || MISSING+=("$t")
  done
  for t in tar gzip stat date mktemp head tail sort; do
    have "$t" || die "required tool missing: $t"
  done
  have timeout && HAVE_TIMEOUT=1
  have setsid && HAVE_SETSID=1
  have nice && PREFIX+=(nice -n 10)
  if have ionice && ionice -c2 -n7 true </dev/null >/dev/null 2>&1; then
    PREFIX+=(ionice -c2 -n7)
  fi
  VMSTAT_ARGS=()
  if have vmstat && run_limited 3 vmstat -t 1 1 </dev/null >/dev/null 2>&1; then
    VMSTAT_ARGS=(-t)
  fi
  FREE_ARGS=()
  if have free && run_limited 3 free -w </dev/null >/dev/null 2>&1; then
    FREE_ARGS=(-w)
  fi
}

check_space() {
  local st avail
  st=$(stat -f -c '%a %S' -- "$OUT_DIR" 2>/dev/null) || die "cannot read free space of $OUT_DIR"
  avail=$(( ${st% *} * ${st#* } ))
  if (( avail < MAX_BYTES )); then
    local free
    human_bytes "$avail"
    free=$HB
    human_bytes "$MAX_BYTES"
    printf 'sitrep-capture: refusing to start: %s has %s free, less than the byte budget of %s (--max-bytes %s). Lower --max-bytes or choose another -o DIR.\n' \
      "$OUT_DIR" "$free" "$HB" "$MAX_BYTES_ARG" >&2
    exit 3
  fi
}

setup_work() {
  local host stamp d
  host=$(hostname 2>/dev/null) || host=$(uname -n)
  host=${host%%.*}
  host=${host//[^A-Za-z0-9._-]/_}
  stamp=$(date -u -d "@${START%.*}" +%Y%m%dT%H%M%SZ)
  TOP=$host-$stamp
  WORK=$(mktemp -d "$OUT_DIR/.sitrep.XXXXXX") || die "cannot create a work directory in $OUT_DIR"
  STATE=$WORK/state
  BUNDLE=$WORK/$TOP
  for d in "$STATE" "$BUNDLE" "$BUNDLE/cmd" "$BUNDLE/snap/start" "$BUNDLE/snap/end" \
    "$BUNDLE/sample" "$BUNDLE/proc" "$BUNDLE/sar" "$BUNDLE/logs" "$BUNDLE/journal"; do
    mkdir -p -- "$d" || die "cannot create $d"
  done
  MANIFEST=$BUNDLE/manifest.tsv
  META=$BUNDLE/meta.txt
  CAPLOG=$BUNDLE/capture.log
  : >"$CAPLOG"
  printf '#sitrep-manifest\t1\n' >"$MANIFEST"
  printf 'path\tkind\tname\tsource\tstatus\texit\tstart\tend\tduration_ms\tbytes\tmtime\treason\n' >>"$MANIFEST"
  # Nothing is written outside the work dir (top creates ~/.config/procps),
  # and no user's toprc changes what top prints.
  export NSTAT_HISTORY=$STATE/nstat.history
  export HOME=$STATE/home
  export XDG_CONFIG_HOME=$STATE/home/.config
  mkdir -p -- "$HOME" || die "cannot create $HOME"
  write_scrub_rules
}

# The bundle's members, NUL-separated, in the order the analyzer reads best
# (docs/bundle-format.md, "Member order"): meta.txt, manifest.tsv, the process
# tables (ps.txt, top.txt: `sitrep redact` reads the users to hide from them and
# stops there), then every other file with each rotated log family oldest first
# (x.3.gz, x.2.gz, x.1, x).
member_list() {
  local f base n class
  printf '%s\0' "$TOP/meta.txt" "$TOP/manifest.tsv"
  (cd -- "$WORK" && find "$TOP" -type f ! -path "$TOP/meta.txt" ! -path "$TOP/manifest.tsv" -print0) |
    while IFS= read -r -d '' f; do
      base=$f
      n=0
      class=1
      if [[ $f =~ ^(.*)\.([0-9]+)(\.gz)?$ ]]; then
        base=${BASH_REMATCH[1]}
        n=${BASH_REMATCH[2]}
      fi
      [[ ${f##*/} == ps.txt || ${f##*/} == top.txt ]] && class=0
      printf '%s\t%s\t%06d\t%s\0' "$class" "$base" $(( 999999 - 10#$n )) "$f"
    done | sort -z -t $'\t' -k1,1 -k2,2 -k3,3 | while IFS= read -r -d '' f; do
      printf '%s\0' "${f##*$'\t'}"
    done
}

finish_bundle() {
  local t0=$1 sz
  now
  meta end_epoch "$NOW"
  # Empty directories are not part of the bundle.
  find "$BUNDLE" -mindepth 1 -depth -type d -empty -delete 2>/dev/null
  sz=$(stat -c %s -- "$META")
  manifest_row meta.txt meta meta 'meta.txt' ok - "$t0" "$NOW" 0 "$sz" - ''
  FINALIZING=1
  if (( TO_STDOUT )); then
    pack "$t0" -
    say "wrote $TOP.tar.gz to standard output in $SECONDS s"
    return 0
  fi
  # Another capture of this host in the same second: keep the top directory
  # and the file name equal, so the name is chosen before packing.
  local n=2 top=$TOP packed="$WORK/bundle.tar.gz"
  while :; do
    while [[ -e $OUT_DIR/$top.tar.gz || -h $OUT_DIR/$top.tar.gz ]]; do
      top=$TOP-$n
      n=$(( n + 1 ))
    done
    rename_top "$top"
    pack "$t0" "$packed"
    # Published by a hard link: link(2) creates the name or fails, it never
    # opens, follows or replaces what is there (a planted link or FIFO).
    if ln -T -- "$packed" "$OUT_DIR/$top.tar.gz" 2>/dev/null; then
      break
    elif [[ -e $OUT_DIR/$top.tar.gz || -h $OUT_DIR/$top.tar.gz ]]; then
      continue # taken since the check: pack again under the next name
    fi
    # A file system without hard links: a rename that refuses to replace.
    mv -n -T -- "$packed" "$OUT_DIR/$top.tar.gz" 2>/dev/null
    [[ -e $packed ]] || break
    [[ -e $OUT_DIR/$top.tar.gz || -h $OUT_DIR/$top.tar.gz ]] || die "cannot write in $OUT_DIR"
  done
  rm -f -- "$packed"
  case $OUT_DIR in
    /*) FINAL=$OUT_DIR/$top.tar.gz ;;
    *) FINAL=$(cd -- "$OUT_DIR" && pwd)/$top.tar.gz ;;
  esac
  human_bytes "$(stat -c %s -- "$FINAL")"
  say "wrote $FINAL ($HB) in $SECONDS s"
  say "next: copy it to a machine with sitrep (scp $(hostname 2>/dev/null):$FINAL .) and run: sitrep analyze $top.tar.gz"
}

rename_top() { # TOP: the bundle's top directory and the paths that follow it
  [[ $1 == "$TOP" ]] && return 0
  mv -T -- "$BUNDLE" "$WORK/$1" || die "cannot rename $BUNDLE"
  TOP=$1
  BUNDLE=$WORK/$1
  META=$BUNDLE/meta.txt
  MANIFEST=$BUNDLE/manifest.tsv
  [[ -n $CAPLOG ]] && CAPLOG=$BUNDLE/capture.log
}

# Packs the bundle into FILE, inside the work directory (created by mktemp -d,
# so no one else's name), or to stdout (-). capture.log gets its row once.
pack() { # T0 FILE
  local sz
  if [[ -n $CAPLOG ]]; then
    say "packing $TOP.tar.gz"
    sz=$(stat -c %s -- "$CAPLOG")
    CAPLOG=''
    manifest_row capture.log meta capture-log 'capture progress (stderr)' ok - "$1" "$NOW" 0 "$sz" - ''
  fi
  member_list >"$STATE/members" || die "cannot list the bundle's members"
  # gzip -1: half the CPU of tar -z's default -6 on logs, for a bundle about
  # a quarter larger; the host is in trouble, the laptop is not.
  # shellcheck disable=SC2016  # expanded by the child bash
  local sh='tar -C "$1" --no-recursion --null -T "$2" -cf - | gzip -1 -n; r=("${PIPESTATUS[@]}"); (( r[0] == 0 && r[1] == 0 ))'
  if [[ $2 == - ]]; then
    run_limited $(( LONG_TIMEOUT * 2 )) "$BASH" -c "$sh" _ "$WORK" "$STATE/members" </dev/null || die "tar failed"
  else
    run_limited $(( LONG_TIMEOUT * 2 )) "$BASH" -c "$sh" _ "$WORK" "$STATE/members" </dev/null >"$2" || die "tar failed"
  fi
}

main() {
  parse_args "$@"
  probe_tools
  check_space
  trap cleanup EXIT
  trap 'on_signal INT' INT
  trap 'on_signal TERM' TERM
  trap 'on_signal HUP' HUP
  trap on_deadline USR1

  now
  START=$NOW
  read -r START_UPTIME _ </proc/uptime
  local t0=$NOW
  if [[ -n $SINCE_ARG ]]; then
    SINCE=$(parse_since "$SINCE_ARG" "${START%.*}") \
      || usage_error "--since: cannot read '$SINCE_ARG' (use @EPOCH, 6h, 2d or a date string)"
  else
    SINCE=$(( ${START%.*} - 86400 ))
  fi
  SOFT_AT=$(( WINDOW + SOFT_MARGIN_S ))
  setup_work
  start_watchdog
  human_bytes "$MAX_BYTES"
  human_dur $(( ${START%.*} - SINCE ))
  SINCE_TEXT="$(date -d "@$SINCE" '+%Y-%m-%d %H:%M:%S %Z' 2>/dev/null) ($HD before the start)"
  say "version $SITREP_VERSION on $(hostname 2>/dev/null): $WINDOW s window, byte budget $HB, logs since $SINCE_TEXT"
  (( ${#MISSING[@]} )) && say "not found: ${MISSING[*]}"
  (( MY_UID != 0 )) && say "running as $(id -un 2>/dev/null) (not root): some data will be unreadable"

  write_meta
  STATE_POOL=$(( (MAX_BYTES - RESERVE_BYTES) * 2 / 5 ))
  PHASE_LEFT=$(( STATE_POOL / 2 ))
  collect_once
  snap_set start
  sample_window
  snap_set end
  # The kernel log last, so it holds what happened during the window too.
  once dmesg dmesg "$LONG_TIMEOUT" -- dmesg
  collect_sar_history
  collect_logs
  summary
  finish_bundle "$t0"
  (( TO_STDOUT )) || printf '%s\n' "$FINAL"
}

main "$@"
