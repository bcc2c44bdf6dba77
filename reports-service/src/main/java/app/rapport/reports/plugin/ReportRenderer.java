package app.rapport.reports.plugin;

import app.rapport.platform.plugin.RapportPlugin;
import app.rapport.reports.domain.ReportDocument;

/**
 * The report-renderer extension point: turns a report into a document a recipient's system can
 * take. Built in: {@code pdf-report} and {@code fhir-bundle}. A clinic can switch one off.
 */
public interface ReportRenderer extends RapportPlugin {

    String EXTENSION_POINT = "report-renderer";

    /** The name used in {@code GET /api/v1/reports/{id}/render/{format}}, e.g. {@code pdf}. */
    String format();

    String mediaType();

    byte[] render(ReportDocument document);

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }
}
