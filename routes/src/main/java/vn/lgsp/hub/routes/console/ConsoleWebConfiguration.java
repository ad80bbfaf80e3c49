package vn.lgsp.hub.routes.console;

import java.util.concurrent.TimeUnit;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the operator console, a static front end (HTML, CSS and JavaScript modules from
 * {@code classpath:/console/}, no build step; pages under {@code pages/}, scripts
 * and styles under {@code assets/}) that calls the operator API with the login session:
 * {@code /console} and {@code /console/} show the application, {@code /console/login} the login page.
 */
@Configuration
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/**")
                .addResourceLocations("classpath:/console/assets/")
                .setCacheControl(CacheControl.maxAge(5, TimeUnit.MINUTES).cachePrivate());
        registry.addResourceHandler("/console/pages/**")
                .addResourceLocations("classpath:/console/pages/")
                .setCacheControl(CacheControl.noCache());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/pages/app.html");
        registry.addViewController("/console/login").setViewName("forward:/console/pages/login.html");
    }
}
