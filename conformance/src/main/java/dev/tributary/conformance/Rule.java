package dev.tributary.conformance;

import java.util.List;

/** One contract rule: the dispatches that exercise it and how to judge the answers. */
interface Rule {

  /** Its name, as printed and as {@code --rules} takes it. */
  String name();

  /** What the worker must do, in a sentence. */
  String requirement();

  /** What the kit sends for it; empty for rules judged over every answer. */
  List<Sent> dispatches();

  /** Whether enough was seen to judge; by default, every dispatch has a final answer. */
  default boolean settled(Observed observed) {
    return dispatches().stream().allMatch(sent -> !observed.finals(sent).isEmpty());
  }

  /** The verdict on what was seen, settled or not. */
  Verdict judge(Observed observed);
}
