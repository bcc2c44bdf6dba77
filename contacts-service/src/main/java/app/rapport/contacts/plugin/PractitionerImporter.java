package app.rapport.contacts.plugin;

import app.rapport.platform.plugin.RapportPlugin;

import java.util.List;

/**
 * contacts-service's extension point: reads a partner list in some format into rows the directory
 * enters one by one. An importer only parses; the directory validates, normalises, finds the
 * duplicates and publishes. A jar in the plugin directory can add formats (a practice-management
 * export, vCards) without a rebuild.
 */
public interface PractitionerImporter extends RapportPlugin {

    String EXTENSION_POINT = "practitioner-importer";

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }

    /** The {@code format} query value that selects this importer, e.g. {@code csv}. */
    String format();

    /**
     * Every data row of the file, with the line it starts on. A row that cannot be read carries
     * an error instead of details; the other rows are still imported.
     */
    List<ImportRow> parse(String content);
}
