package dev.tributary.worker.internal.spring;

import dev.tributary.worker.StepContext;
import dev.tributary.worker.StepHandler;
import dev.tributary.worker.StepOutcome;
import dev.tributary.worker.TributaryHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import tools.jackson.databind.JsonNode;

/**
 * A {@link TributaryHandler} method as a {@link StepHandler}.
 *
 * @param namespace from the annotation
 * @param handler from the annotation
 * @param bean the bean the method belongs to
 * @param method the method, invocable on the bean
 */
record MethodHandler(String namespace, String handler, Object bean, Method method)
    implements StepHandler {

  /**
   * @throws BeanInitializationException if the method's signature is not a handler's
   */
  static MethodHandler of(Object bean, Method method, TributaryHandler annotation) {
    Class<?>[] parameters = method.getParameterTypes();
    Class<?> returns = method.getReturnType();
    boolean takesContext =
        parameters.length == 1 && parameters[0].isAssignableFrom(StepContext.class);
    boolean returnsOutcome =
        returns == StepOutcome.class
            || JsonNode.class.isAssignableFrom(returns)
            || returns == void.class
            || returns == Void.class;
    if (!takesContext || !returnsOutcome) {
      throw new BeanInitializationException(
          "@TributaryHandler method "
              + describe(method)
              + " must take one StepContext parameter and return StepOutcome, JsonNode or void");
    }
    ReflectionUtils.makeAccessible(method);
    return new MethodHandler(annotation.namespace(), annotation.handler(), bean, method);
  }

  @Override
  public StepOutcome handle(StepContext context) throws Exception {
    Object returned;
    try {
      returned = method.invoke(bean, context);
    } catch (InvocationTargetException e) {
      Throwable thrown = e.getCause();
      if (thrown instanceof Exception exception) {
        throw exception;
      }
      if (thrown instanceof Error error) {
        throw error;
      }
      throw e;
    }
    if (returned instanceof JsonNode result) {
      return StepOutcome.success(result);
    }
    if (method.getReturnType() == void.class || method.getReturnType() == Void.class) {
      return StepOutcome.success();
    }
    // A null StepOutcome is reported by the worker as a handler bug.
    return (StepOutcome) returned;
  }

  String describe() {
    return describe(method);
  }

  private static String describe(Method method) {
    return ClassUtils.getQualifiedMethodName(method, method.getDeclaringClass())
        + "("
        + String.join(
            ", ", Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).toList())
        + ")";
  }
}
