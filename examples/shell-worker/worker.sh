#!/usr/bin/env bash
# A Tributary worker without Java: kcat consumes the dispatches of one namespace and produces the
# step results, jq reads and writes the JSON. It serves the namespace "shell" (the demo registers
# the template shell/hello for it; no Java worker serves that namespace):
#
#   greet   {"greeting": "Hello, <task_context.name>!"}
#   shout   {"shout": <greet's greeting, from dependency_results, in capitals>}
#
# For each dispatch it answers, keyed by the task id, with a `started` result and then a `success`
# (or, for a handler it does not know, a permanent `failure` with error class UnknownHandler, and
# for a dispatch already past its deadline a retryable one with DeadlineExceeded), as the contract
# in contracts/src/main/resources/contracts/ (step-dispatch and step-result schemas) says.
#
#   BOOTSTRAP=localhost:9092 examples/shell-worker/worker.sh
#
# Environment: BOOTSTRAP (default localhost:9092), TOPIC_PREFIX (the services'
# tributary.kafka.topic-prefix; default none), GROUP (consumer group; default shell-workers).
# Needs kcat and jq (Debian: apt-get install kcat jq). Stop it with Ctrl-C.
#
# Delivery: kcat's consumer group commits the offsets of the dispatches it has read every few
# seconds. A dispatch read but not answered when the worker dies is not read again; the scheduler
# dispatches it again as a new attempt once its deadline has passed. Results are sent at least
# once; the processor ignores duplicates.
set -euo pipefail

bootstrap="${BOOTSTRAP:-localhost:9092}"
prefix="${TOPIC_PREFIX:-}"
group="${GROUP:-shell-workers}"
dispatches="${prefix}steps.shell"
results="${prefix}step-results"
worker_id="shell-worker-$(hostname)-$$"

for tool in kcat jq; do
  if ! command -v "$tool" >/dev/null; then
    echo "worker.sh needs $tool: apt-get install $tool" >&2
    exit 1
  fi
done

now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

# What a handler answers: an outcome object (step-result.schema.json, $defs/outcome).
outcome() {
  local dispatch="$1"
  if jq -e '(.deadline | sub("\\.[0-9]+"; "") | fromdateiso8601) < now' <<<"$dispatch" >/dev/null; then
    echo '{"type":"failure","retryable":true,"error_class":"DeadlineExceeded","message":"received after its deadline"}'
    return
  fi
  case "$(jq -r .handler <<<"$dispatch")" in
    greet) jq -c '{type: "success", result: {greeting: "Hello, \(.task_context.name // "world")!"}}' <<<"$dispatch" ;;
    shout) jq -c '{type: "success", result: {shout: (.dependency_results.greet.greeting | ascii_upcase)}}' <<<"$dispatch" ;;
    *) jq -c '{type: "failure", retryable: false, error_class: "UnknownHandler",
               message: "the shell worker has no handler \(.handler)"}' <<<"$dispatch" ;;
  esac
}

# One step result for a dispatch, as the line kcat produces: "<task id><TAB><JSON>".
result() {
  local dispatch="$1" outcome="$2" started_at="$3" finished_at="${4:-}"
  jq -r -c \
    --argjson outcome "$outcome" \
    --arg message_id "$(cat /proc/sys/kernel/random/uuid)" \
    --arg worker_id "$worker_id" \
    --arg started_at "$started_at" \
    --arg finished_at "$finished_at" \
    '(.task_id | ascii_downcase) + "\t" + ({
       schema_version: 1,
       message_id: $message_id,
       task_id: .task_id,
       step_id: .step_id,
       attempt: .attempt,
       outcome: $outcome,
       worker: ({worker_id: $worker_id, started_at: $started_at}
                + if $finished_at == "" then {} else {finished_at: $finished_at} end)
     } | tojson)' <<<"$dispatch"
}

# Sends one result line. A kcat per result: kcat -P reads its standard input 128 bytes at a time,
# so a long-running producer would hold a result back until more input arrives.
send() {
  kcat -b "$bootstrap" -P -t "$results" -K $'\t' -q <<<"$1"
}

echo "shell worker $worker_id: $dispatches -> $results on $bootstrap (group $group)" >&2

# In the background, so that a TERM (or Ctrl-C) stops the worker at once, its kcat included.
kcat -b "$bootstrap" -G "$group" -X auto.offset.reset=earliest -q -u -f '%s\n' "$dispatches" |
  while IFS= read -r dispatch; do
    started_at="$(now)"
    send "$(result "$dispatch" '{"type":"started"}' "$started_at")"
    answer="$(outcome "$dispatch")"
    send "$(result "$dispatch" "$answer" "$started_at" "$(now)")"
    jq -r --argjson answer "$answer" \
      '"\(now | strftime("%H:%M:%S")) task \(.task_id) step \(.step_name) attempt \(.attempt): \($answer.type) \($answer.result // $answer.error_class | tojson)"' \
      <<<"$dispatch" >&2
  done &
trap 'pkill -P $$ 2>/dev/null; exit 130' INT
trap 'pkill -P $$ 2>/dev/null; exit 143' TERM
trap 'pkill -P $$ 2>/dev/null; exit 129' HUP
wait
