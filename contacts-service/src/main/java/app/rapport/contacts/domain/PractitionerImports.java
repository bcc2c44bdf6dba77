package app.rapport.contacts.domain;

import app.rapport.contacts.config.ContactsSettings;
import app.rapport.contacts.plugin.ImportRow;
import app.rapport.contacts.plugin.PractitionerImporter;
import app.rapport.platform.domain.DomainException;
import app.rapport.platform.plugin.PluginRegistry;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Imports a partner list through the importer plugin for its format: each good row is entered as
 * if by hand (own transaction, own PractitionerRegistered), a duplicate is reported with the
 * partner it matches — including one entered from an earlier line of the same file — and a bad
 * row is reported by line with the reason. One bad row never stops the others.
 */
@Singleton
public class PractitionerImports {

    private static final Logger LOG = LoggerFactory.getLogger(PractitionerImports.class);

    private final List<PractitionerImporter> importers;
    private final PluginRegistry plugins;
    private final PractitionerDirectory directory;
    private final Validator validator;
    private final ContactsSettings settings;

    public PractitionerImports(List<PractitionerImporter> importers, PluginRegistry plugins,
                               PractitionerDirectory directory, Validator validator, ContactsSettings settings) {
        this.importers = importers;
        this.plugins = plugins;
        this.directory = directory;
        this.validator = validator;
        this.settings = settings;
    }

    public record Duplicate(int line, String existingId) {
    }

    public record Rejected(int line, String reason) {
    }

    public record Report(String format, String importer, int imported, List<String> importedIds,
                         List<Duplicate> duplicates, List<Rejected> rejected) {
    }

    public Report run(String clinicId, String actor, String format, String content) {
        PractitionerImporter importer = importers.stream().filter(i -> i.format().equalsIgnoreCase(format)).findFirst()
                .orElseThrow(() -> DomainException.invalidField("format", "no importer reads '" + format
                        + "'; this service reads " + importers.stream().map(PractitionerImporter::format).sorted()
                        .collect(Collectors.joining(", "))));
        if (plugins.enabledFor(clinicId, List.of(importer)).isEmpty()) {
            throw DomainException.refused(DomainException.Refusal.CONFLICT, "plugin-disabled", "Plugin switched off",
                    "The " + importer.name() + " plugin is switched off for this clinic; switch it on with PUT /api/v1/plugins/"
                            + importer.name());
        }
        List<ImportRow> rows = importer.parse(content);
        if (rows.size() > settings.getImportMaxRows()) {
            throw DomainException.invalidField("body", "holds " + rows.size() + " rows; at most "
                    + settings.getImportMaxRows() + " per import");
        }
        List<String> imported = new ArrayList<>();
        List<Duplicate> duplicates = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        for (ImportRow row : rows) {
            if (row.details() == null) {
                rejected.add(new Rejected(row.line(), row.error() == null ? "unreadable" : row.error()));
                continue;
            }
            Set<ConstraintViolation<PractitionerDetails>> violations = validator.validate(row.details());
            if (!violations.isEmpty()) {
                rejected.add(new Rejected(row.line(), violations.stream()
                        .map(v -> v.getPropertyPath() + ": " + v.getMessage()).sorted().collect(Collectors.joining("; "))));
                continue;
            }
            try {
                imported.add(directory.register(clinicId, actor, row.details()).getId());
            } catch (DuplicatePractitionerException e) {
                duplicates.add(new Duplicate(row.line(), e.existingId()));
            } catch (DomainException e) {
                rejected.add(new Rejected(row.line(), e.getMessage()));
            }
        }
        LOG.info("Import of {} rows ({}) for clinic {}: {} imported, {} duplicates, {} rejected", rows.size(),
                importer.name(), clinicId, imported.size(), duplicates.size(), rejected.size());
        return new Report(importer.format(), importer.name(), imported.size(), imported, duplicates, rejected);
    }
}
