package dev.tributary.processor.security;

import dev.tributary.service.security.ServiceHttpSecurity;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that changes something when a browser says another site sent it. A browser that
 * logged in to the console keeps its HTTP Basic credentials and sends them with any request to the
 * processor, a form another site posts included; the API has no sessions and so no CSRF tokens, but
 * every browser the console supports labels such a request {@code Sec-Fetch-Site: cross-site}.
 * Clients that are not browsers send no such header and are not affected.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class CrossSiteRequests extends OncePerRequestFilter {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Set<String> OTHER_SITES = Set.of("cross-site", "same-site");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String site = request.getHeader("Sec-Fetch-Site");
    if (!SAFE_METHODS.contains(request.getMethod()) && site != null && OTHER_SITES.contains(site)) {
      ServiceHttpSecurity.problem(
          response,
          HttpStatus.FORBIDDEN,
          "a browser sent this request from another site; actions are taken from the console");
      return;
    }
    chain.doFilter(request, response);
  }
}
