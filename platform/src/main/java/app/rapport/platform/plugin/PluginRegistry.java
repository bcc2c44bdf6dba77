package app.rapport.platform.plugin;

import app.rapport.platform.domain.DomainException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every plugin the service loaded, and which of them each clinic switched off. */
@Singleton
public class PluginRegistry {

    private final List<RapportPlugin> plugins;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public PluginRegistry(List<RapportPlugin> plugins, TransactionOperations<Connection> transactions, Clock clock) {
        this.clock = clock;
        this.plugins = plugins.stream().sorted(Comparator.comparing(RapportPlugin::extensionPoint)
                .thenComparing(RapportPlugin::name)).toList();
        this.transactions = transactions;
    }

    public List<PluginView> list(String clinicId) {
        Map<String, Boolean> settings = settings(clinicId);
        return plugins.stream().map(p -> new PluginView(p.name(), p.extensionPoint(), p.version(),
                PluginJars.source(p), settings.getOrDefault(p.name(), true), p.description())).toList();
    }

    /** The plugins among {@code candidates} this clinic has not switched off. */
    public <P extends RapportPlugin> List<P> enabledFor(String clinicId, Collection<P> candidates) {
        Map<String, Boolean> settings = settings(clinicId);
        return candidates.stream().filter(p -> settings.getOrDefault(p.name(), true)).toList();
    }

    public boolean isEnabled(String clinicId, String pluginName) {
        return settings(clinicId).getOrDefault(pluginName, true);
    }

    public PluginView setEnabled(String clinicId, String pluginName, boolean enabled, String changedBy) {
        RapportPlugin plugin = plugins.stream().filter(p -> p.name().equals(pluginName)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Plugin", pluginName));
        transactions.executeWrite(status -> {
            try (PreparedStatement upsert = status.getConnection().prepareStatement(
                    "INSERT INTO plugin_setting (clinic_id, plugin_name, enabled, changed_by, changed_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE enabled = VALUES(enabled), "
                            + "changed_by = VALUES(changed_by), changed_at = VALUES(changed_at)")) {
                upsert.setString(1, clinicId);
                upsert.setString(2, pluginName);
                upsert.setBoolean(3, enabled);
                upsert.setString(4, changedBy);
                upsert.setTimestamp(5, Timestamp.from(clock.instant()));
                upsert.executeUpdate();
                return null;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot save plugin setting", e);
            }
        });
        return new PluginView(plugin.name(), plugin.extensionPoint(), plugin.version(), PluginJars.source(plugin),
                enabled, plugin.description());
    }

    private Map<String, Boolean> settings(String clinicId) {
        return transactions.executeRead(status -> {
            Map<String, Boolean> settings = new HashMap<>();
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT plugin_name, enabled FROM plugin_setting WHERE clinic_id = ?")) {
                select.setString(1, clinicId);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        settings.put(rs.getString(1), rs.getBoolean(2));
                    }
                }
                return settings;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read plugin settings", e);
            }
        });
    }
}
