package dev.tributary.worker.internal.spring;

import dev.tributary.worker.TributaryHandler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/** Collects the {@link TributaryHandler} methods of every bean as the beans are created. */
final class HandlerMethods implements BeanPostProcessor {

  private final List<MethodHandler> found = new CopyOnWriteArrayList<>();

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    Class<?> type = AopUtils.getTargetClass(bean);
    if (!AnnotationUtils.isCandidateClass(type, TributaryHandler.class)) {
      return bean;
    }
    Map<Method, TributaryHandler> methods =
        MethodIntrospector.selectMethods(
            type,
            (MethodIntrospector.MetadataLookup<TributaryHandler>)
                method ->
                    AnnotatedElementUtils.findMergedAnnotation(method, TributaryHandler.class));
    methods.forEach(
        (method, annotation) ->
            found.add(
                MethodHandler.of(
                    bean, AopUtils.selectInvocableMethod(method, bean.getClass()), annotation)));
    return bean;
  }

  /** The methods found so far; all of them once the singletons are created. */
  List<MethodHandler> handlers() {
    return List.copyOf(found);
  }
}
