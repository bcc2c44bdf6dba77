package app.rapport.platform.plugin;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;

/** Each clinic's plugin switches, in the service's own database. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PluginSettingRepository extends GenericRepository<PluginSetting, PluginSetting.Key> {

    @Query("SELECT * FROM plugin_setting WHERE clinic_id = :clinicId")
    List<PluginSetting> forClinic(String clinicId);

    /** The last person's choice wins: a switch has no version to conflict on, it is on or off. */
    @Query("INSERT INTO plugin_setting (clinic_id, plugin_name, enabled, changed_by, changed_at) "
            + "VALUES (:clinicId, :pluginName, :enabled, :changedBy, :changedAt) ON DUPLICATE KEY UPDATE "
            + "enabled = VALUES(enabled), changed_by = VALUES(changed_by), changed_at = VALUES(changed_at)")
    void record(String clinicId, String pluginName, boolean enabled, String changedBy, Instant changedAt);
}
