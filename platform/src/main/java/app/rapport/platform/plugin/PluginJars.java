package app.rapport.platform.plugin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Plugin jars dropped in {@code RAPPORT_PLUGIN_DIR}: put on a class loader beneath the service's
 * own before the application context starts, so their beans are found like any other.
 */
public final class PluginJars {

    private static final Logger LOG = LoggerFactory.getLogger(PluginJars.class);

    private PluginJars() {
    }

    public static List<Path> find(String dir) {
        if (dir == null || dir.isBlank()) {
            return List.of();
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            LOG.warn("Plugin directory {} does not exist; no plugin jars loaded", path);
            return List.of();
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list plugin directory " + path, e);
        }
    }

    public static ClassLoader classLoader(List<Path> jars, ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
                LOG.info("Loading plugin jar {}", jar.getFileName());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Bad plugin jar path " + jar, e);
            }
        }
        return new URLClassLoader("rapport-plugins", urls.toArray(URL[]::new), parent);
    }

    /** Where a plugin's class came from: its jar's file name, or {@code built-in}. */
    static String source(RapportPlugin plugin) {
        if (plugin.getClass().getClassLoader() instanceof URLClassLoader loader
                && "rapport-plugins".equals(loader.getName())) {
            var location = plugin.getClass().getProtectionDomain().getCodeSource();
            if (location != null) {
                String file = location.getLocation().getPath();
                return file.substring(file.lastIndexOf('/') + 1);
            }
        }
        return "built-in";
    }
}
