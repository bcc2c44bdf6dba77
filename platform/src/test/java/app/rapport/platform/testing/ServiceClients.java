package app.rapport.platform.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** One HTTP client per running test service, for fixtures that have its context but no injected client. */
final class ServiceClients {

    private static final Map<ApplicationContext, HttpClient> CLIENTS = Collections.synchronizedMap(new WeakHashMap<>());

    private ServiceClients() {
    }

    static HttpClient of(ApplicationContext context) {
        return CLIENTS.computeIfAbsent(context,
                c -> c.createBean(HttpClient.class, c.getBean(EmbeddedServer.class).getURL()));
    }
}
