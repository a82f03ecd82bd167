/**
 * What deploy/ ships for observability, read back for tests: {@link
 * dev.tributary.testkit.observability.ShippedQueries} collects every PromQL expression of the
 * Grafana dashboard ({@code deploy/observability/grafana-dashboard.json}) and of the alerting rules
 * ({@code deploy/k8s/components/prometheus-operator/alerts.yaml}), with where each came from, and
 * names the metrics an expression selects. deploy's tests check the expressions with promtool and
 * against the metric names the services document; an end-to-end test can check that a running
 * service exposes every one of them.
 */
@NullMarked
package dev.tributary.testkit.observability;

import org.jspecify.annotations.NullMarked;
