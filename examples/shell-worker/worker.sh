#!/usr/bin/env bash
# A Tributary worker without Java: kcat consumes the dispatches of one namespace and produces the
# step results, jq reads and writes the JSON. See README.md beside it. Handlers:
#
#   greet       {"greeting": "Hello, <task_context.name>!"}          (the demo's shell/hello)
#   shout       {"shout": <greet's greeting, from dependency_results, in capitals>}
#   echo, fail, checkpoint, decide, split                            (the conformance kit's)
#
# For each dispatch it answers, keyed by the task id, with a `started` result, any checkpoints,
# and then a `success` or `failure` (a permanent UnknownHandler for a handler it does not know). A
# dispatch already past its deadline gets a retryable DeadlineExceeded without `started`; one of
# a schema_version other than 1 is skipped. Results carry the dispatch's traceparent header. The
# contract: contracts/src/main/resources/contracts/ (step-dispatch and step-result schemas).
#
#   BOOTSTRAP=localhost:9092 examples/shell-worker/worker.sh
#
# Environment: BOOTSTRAP (default localhost:9092), NAMESPACE (default shell), TOPIC_PREFIX (the
# services' tributary.kafka.topic-prefix; default none), GROUP (consumer group; default
# <namespace>-workers). Needs kcat and jq (Debian: apt-get install kcat jq). Stop it with
# Ctrl-C.
#
# Delivery: kcat's consumer group commits the offsets of the dispatches it has read every few
# seconds. A dispatch read but not answered when the worker dies is not read again; the scheduler
# dispatches it again as a new attempt once its deadline has passed. Results are sent at least
# once; the processor ignores duplicates.
set -euo pipefail

bootstrap="${BOOTSTRAP:-localhost:9092}"
namespace="${NAMESPACE:-shell}"
prefix="${TOPIC_PREFIX:-}"
group="${GROUP:-${namespace}-workers}"
dispatches="${prefix}steps.${namespace}"
results="${prefix}step-results"
worker_id="shell-worker-$(hostname)-$$"

for tool in kcat jq; do
  if ! command -v "$tool" >/dev/null; then
    echo "worker.sh needs $tool: apt-get install $tool" >&2
    exit 1
  fi
done

now() { date -u +%Y-%m-%dT%H:%M:%S.%3NZ; }

# Whether the dispatch's deadline has passed: it must not be started then.
expired() {
  jq -e '(.deadline | sub("\\.[0-9]+"; "") | fromdateiso8601) < now' <<<"$1" >/dev/null
}

# What a handler answers: an outcome object (step-result.schema.json, $defs/outcome).
outcome() {
  local dispatch="$1"
  case "$(jq -r .handler <<<"$dispatch")" in
    greet) jq -c '{type: "success", result: {greeting: "Hello, \(.task_context.name // "world")!"}}' <<<"$dispatch" ;;
    shout) jq -c '{type: "success", result: {shout: (.dependency_results.greet.greeting | ascii_upcase)}}' <<<"$dispatch" ;;
    echo) jq -c '{type: "success", result: {echo: .inputs}}' <<<"$dispatch" ;;
    fail) jq -c '{type: "failure", retryable: .inputs.retryable, error_class: .inputs.error_class,
                  message: "asked to fail"}
                 + if .inputs.retry_after_ms then {retry_after_ms: .inputs.retry_after_ms} else {} end' <<<"$dispatch" ;;
    checkpoint) jq -c '{type: "success", result: {resumed_from: .checkpoint}}' <<<"$dispatch" ;;
    decide) jq -c '{type: "success", result: {}, expansion: {type: "create_steps", step_names: .inputs.branches}}' <<<"$dispatch" ;;
    split) jq -c '{type: "success", result: {},
                   expansion: {type: "create_batches", total_items: .inputs.total_items,
                               batch_size: .inputs.batch_size}}' <<<"$dispatch" ;;
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
  local header=()
  if [ -n "$traceparent" ]; then header=(-H "traceparent=$traceparent"); fi
  kcat -b "$bootstrap" -P -t "$results" -K $'\t' ${header[@]+"${header[@]}"} -q <<<"$1"
}

# The checkpoints the checkpoint handler reports before its answer: {"done": i}, sequence i.
checkpoints() {
  local dispatch="$1" started_at="$2" count i
  count="$(jq -r '.inputs.count // 0' <<<"$dispatch")"
  for ((i = 1; i <= count; i++)); do
    send "$(result "$dispatch" "{\"type\":\"checkpoint\",\"checkpoint\":{\"done\":$i},\"sequence\":$i}" "$started_at")"
  done
}

echo "shell worker $worker_id: $dispatches -> $results on $bootstrap (group $group)" >&2
traceparent=""

# kcat's consumer gives up on a topic that does not exist yet (the processor creates a namespace's
# topic when its first template is registered; the conformance kit creates its own). Wait for it,
# listing all topics: asking for this one by name would make a broker that auto-creates topics
# create it with its defaults.
until kcat -b "$bootstrap" -L -J 2>/dev/null |
  jq -e --arg topic "$dispatches" 'any(.topics[]; .topic == $topic)' >/dev/null; do
  echo "waiting for topic $dispatches to exist ..." >&2
  sleep 2
done

# In the background, so that a TERM (or Ctrl-C) stops the worker at once, its kcat included. Each
# line is "<headers><TAB><dispatch>", the headers as kcat prints them: name=value,name=value.
kcat -b "$bootstrap" -G "$group" -X auto.offset.reset=earliest -q -u -f '%h\t%s\n' "$dispatches" |
  while IFS= read -r line; do
    dispatch="${line#*$'\t'}"
    traceparent="$(grep -o 'traceparent=[^,]*' <<<"${line%%$'\t'*}" | cut -d= -f2 || true)"
    if [ "$(jq -r .schema_version <<<"$dispatch")" != 1 ]; then
      echo "skipping a dispatch of schema_version $(jq -r .schema_version <<<"$dispatch")" >&2
      continue
    fi
    started_at="$(now)"
    if expired "$dispatch"; then
      answer='{"type":"failure","retryable":true,"error_class":"DeadlineExceeded","message":"received after its deadline"}'
    else
      send "$(result "$dispatch" '{"type":"started"}' "$started_at")"
      if [ "$(jq -r .handler <<<"$dispatch")" = checkpoint ]; then
        checkpoints "$dispatch" "$started_at"
      fi
      answer="$(outcome "$dispatch")"
    fi
    send "$(result "$dispatch" "$answer" "$started_at" "$(now)")"
    jq -r --argjson answer "$answer" \
      '"\(now | strftime("%H:%M:%S")) task \(.task_id) step \(.step_name) attempt \(.attempt): \($answer.type) \($answer.result // $answer.error_class | tojson)"' \
      <<<"$dispatch" >&2
  done &
trap 'pkill -P $$ 2>/dev/null; exit 130' INT
trap 'pkill -P $$ 2>/dev/null; exit 143' TERM
trap 'pkill -P $$ 2>/dev/null; exit 129' HUP
wait
