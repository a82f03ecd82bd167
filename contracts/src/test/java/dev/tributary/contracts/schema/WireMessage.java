package dev.tributary.contracts.schema;

import dev.tributary.contracts.SchedulingSignal;
import dev.tributary.contracts.StepDispatch;
import dev.tributary.contracts.StepResult;
import dev.tributary.contracts.TaskEvent;
import dev.tributary.contracts.TaskRequest;

/**
 * The five messages of the contract: each names its schema file, its samples' folder and its Java
 * record.
 */
enum WireMessage {
  TASK_REQUEST("task-request", TaskRequest.class),
  STEP_RESULT("step-result", StepResult.class),
  STEP_DISPATCH("step-dispatch", StepDispatch.class),
  SCHEDULING_SIGNAL("scheduling-signal", SchedulingSignal.class),
  TASK_EVENT("task-event", TaskEvent.class);

  private final String fileName;
  private final Class<? extends Record> type;

  WireMessage(String fileName, Class<? extends Record> type) {
    this.fileName = fileName;
    this.type = type;
  }

  /** The name of its schema file and samples folder, e.g. {@code step-result}. */
  String fileName() {
    return fileName;
  }

  Class<? extends Record> type() {
    return type;
  }

  /** Its schema's classpath resource. */
  String schemaResource() {
    return ContractResources.SCHEMAS + fileName + ".schema.json";
  }

  /** Its schema's {@code $id}. */
  String schemaId() {
    return ContractResources.ID_BASE + "schemas/" + fileName + ".schema.json";
  }

  static WireMessage of(Class<?> type) {
    for (WireMessage message : values()) {
      if (message.type == type) {
        return message;
      }
    }
    throw new IllegalArgumentException(type + " is not a wire message");
  }

  static WireMessage byFileName(String fileName) {
    for (WireMessage message : values()) {
      if (message.fileName.equals(fileName)) {
        return message;
      }
    }
    throw new IllegalArgumentException("no wire message is named " + fileName);
  }
}
