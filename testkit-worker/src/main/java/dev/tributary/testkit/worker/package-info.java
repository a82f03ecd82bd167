/**
 * The scripted worker a {@link dev.tributary.testkit.process.WorkerProcess} runs: {@link
 * dev.tributary.testkit.worker.ScriptedWorker} is its main class.
 */
@NullMarked
package dev.tributary.testkit.worker;

import org.jspecify.annotations.NullMarked;
