package dev.tributary.demo;

/**
 * Where a run stands, as the database says.
 *
 * @param tasks tasks created so far
 * @param completed tasks complete
 * @param blocked tasks blocked by a step that failed permanently
 * @param ended tasks cancelled or resolved by hand
 * @param steps steps created so far, those made at run time included
 * @param stepsCompleted steps complete
 * @param stepsRetried steps that needed more than one attempt
 */
record Progress(
    int tasks,
    int completed,
    int blocked,
    int ended,
    int steps,
    int stepsCompleted,
    int stepsRetried) {

  /** Tasks in a state they will not leave without an operator. */
  int finished() {
    return completed + blocked + ended;
  }
}
