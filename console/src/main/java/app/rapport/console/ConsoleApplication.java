package app.rapport.console;

import io.micronaut.runtime.Micronaut;

/** The staff console: server-rendered pages composed from the four services' APIs. */
public final class ConsoleApplication {

    private ConsoleApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(ConsoleApplication.class).banner(false).start();
    }
}
