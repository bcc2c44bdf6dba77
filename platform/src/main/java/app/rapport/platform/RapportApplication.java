package app.rapport.platform;

import app.rapport.platform.plugin.PluginJars;
import io.micronaut.runtime.Micronaut;

/** Starts a Rapport service with the jars of its plugin directory on the class path. */
public final class RapportApplication {

    public static final String PLUGIN_DIR_ENV = "RAPPORT_PLUGIN_DIR";

    private RapportApplication() {
    }

    public static void run(Class<?> application, String[] args) {
        ClassLoader loader = PluginJars.classLoader(PluginJars.find(System.getenv(PLUGIN_DIR_ENV)),
                application.getClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        Micronaut.build(args).mainClass(application).classLoader(loader).banner(false).start();
    }
}
