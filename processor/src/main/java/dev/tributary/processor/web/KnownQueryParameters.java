package dev.tributary.processor.web;

import dev.tributary.contracts.InvalidMessageException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter the endpoint does not take, with a 400 that names it and the ones it
 * takes. Otherwise a misspelt filter ({@code ?sate=error}) is ignored silently, and the client
 * reads every task as if they were the ones it asked for.
 */
final class KnownQueryParameters implements HandlerInterceptor {

  private final Map<HandlerMethod, Set<String>> known = new ConcurrentHashMap<>();

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    Set<String> takes = known.computeIfAbsent(method, KnownQueryParameters::parametersOf);
    Set<String> unknown = new TreeSet<>(request.getParameterMap().keySet());
    unknown.removeAll(takes);
    if (!unknown.isEmpty()) {
      throw new InvalidMessageException(
          "unknown query parameter"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + (takes.isEmpty()
                  ? "; this endpoint takes none"
                  : "; this endpoint takes " + String.join(", ", new TreeSet<>(takes))));
    }
    return true;
  }

  private static Set<String> parametersOf(HandlerMethod method) {
    return Arrays.stream(method.getMethodParameters())
        .map(KnownQueryParameters::queryName)
        .filter(Objects::nonNull)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static @org.jspecify.annotations.Nullable String queryName(MethodParameter parameter) {
    RequestParam annotation = parameter.getParameterAnnotation(RequestParam.class);
    if (annotation == null) {
      return null;
    }
    if (!annotation.name().isEmpty()) {
      return annotation.name();
    }
    return parameter.getParameterName();
  }
}
