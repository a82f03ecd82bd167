package dev.tributary.processor.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The API's strict query parameters, and the console's pages. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new KnownQueryParameters()).addPathPatterns("/api/**");
  }

  /**
   * Every console page is the same document, which reads its path and draws the page: a task's page
   * has an address of its own that alerts, logs and task events can link to.
   */
  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    for (String page :
        new String[] {
          "/console", "/console/", "/console/tasks/{taskId}", "/console/dead-letters"
        }) {
      registry.addViewController(page).setViewName("forward:/console/index.html");
    }
  }
}
