package dev.tributary.worker;

/**
 * What a worker has done since it started, for health checks, tests and metrics (the Spring Boot
 * auto-configuration exports them to Micrometer when it is present).
 *
 * @param dispatchesReceived dispatch records read, valid or not
 * @param invalidDispatches records that could not be decoded; skipped
 * @param unknownHandlers dispatches naming a handler this worker does not have; failed permanently
 * @param expiredDispatches dispatches already past their deadline; failed without running
 * @param succeeded attempts whose handler returned
 * @param failed attempts whose handler threw
 * @param deadlinesExceeded attempts still running at their deadline; interrupted and failed
 * @param checkpoints checkpoints reported
 * @param givenBack attempts still running when shutdown's grace period ended; left uncommitted, so
 *     their dispatches are redelivered
 * @param inFlight handlers running now
 */
public record WorkerCounters(
    long dispatchesReceived,
    long invalidDispatches,
    long unknownHandlers,
    long expiredDispatches,
    long succeeded,
    long failed,
    long deadlinesExceeded,
    long checkpoints,
    long givenBack,
    int inFlight) {}
