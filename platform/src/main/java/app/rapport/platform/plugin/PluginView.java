package app.rapport.platform.plugin;

import io.micronaut.serde.annotation.Serdeable;

/** A loaded plugin as {@code GET /api/v1/plugins} lists it, with its state for the caller's clinic. */
@Serdeable
public record PluginView(String name, String extensionPoint, String version, String source, boolean enabled,
                         String description) {
}
