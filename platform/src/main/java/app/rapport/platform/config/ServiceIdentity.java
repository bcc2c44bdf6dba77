package app.rapport.platform.config;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Which service this process is; used as the CloudEvents source and in consumer names. */
@Singleton
public class ServiceIdentity {

    private final String name;

    public ServiceIdentity(@Value("${micronaut.application.name}") String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** CloudEvents {@code ce_source}. */
    public String eventSource() {
        return "/rapport/" + name;
    }
}
