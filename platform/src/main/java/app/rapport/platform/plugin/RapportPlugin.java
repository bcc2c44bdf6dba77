package app.rapport.platform.plugin;

/**
 * The base of every service's extension point (outreach rules and delivery channels, report
 * renderers and delivery, practitioner importers, visit importers). A plugin is a Micronaut bean;
 * the built-in behaviour is written as plugins too, so a clinic can switch any of it off.
 */
public interface RapportPlugin {

    /** Unique within the service, kebab-case, e.g. {@code thank-you-rule}. Stable: settings refer to it. */
    String name();

    /** Which extension point it plugs into, e.g. {@code outreach-rule}. */
    String extensionPoint();

    /** What it does, in a clinic's words. */
    default String description() {
        return "";
    }

    /** The jar's Implementation-Version, or {@code built-in}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "built-in" : v;
    }
}
